import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { Type } from 'typebox';
import { registerSessionGate } from './http/auth.js';
import { problemFor, registerProblemHandlers, sendProblem } from './http/problem.js';
import { Problem, withErrors } from './http/schemas.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import type { App } from './http/types.js';
import { registerValidators } from './http/validation.js';
import type { AppContext } from './kernel/context.js';
import { DomainError } from './kernel/errors.js';
import { readLedgerStatus } from './ledger/index.js';
import { registerLedgerRoutes } from './ledger/routes.js';
import { registerModuleRoutes } from './modules/index.js';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Never log secrets or personal data: no cookies, tokens, passwords, ID numbers, nor query strings. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.idNumber',
        '*.token',
        '*.code',
      ],
      censor: '[已隐去]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        id: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        remoteAddress: request.ip,
      }),
    },
  };
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'] | false;
}

const description = `阳光执法平台（Lawtrail）接口。

**错误**：所有错误均为 RFC 9457 \`application/problem+json\`，含中文 \`title\`、稳定的 \`type\` 与 \`code\`；字段校验错误在 \`errors[]\` 中以 JSON Pointer 指出字段。

**登录**：\`POST /api/auth/login\` 设置 HttpOnly 会话 Cookie 并返回 \`csrfToken\`；之后每个 POST/PUT/PATCH/DELETE 请求须带请求头 \`X-CSRF-Token\`。系统管理员与法制审核人员须通过动态验证码（TOTP，RFC 6238）。

**权限范围**：执法人员只能看到和修改本机关的数据；司法局的执法监督人员可看到本级及下级人民政府的全部执法机关；公众只能看到已公开的信息（\`/api/public/*\`）。`;

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(ctx.config.logLevel),
    bodyLimit: 1_048_576,
    trustProxy: process.env.LAWTRAIL_TRUST_PROXY === 'on',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(Problem);
  registerValidators(app);
  registerSecurityHeaders(app, { isHttps: ctx.config.hasSecureCookies });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new DomainError('request.rate_limited', `每分钟最多 ${context.max} 次，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '阳光执法平台 API', version: '0.1.0', description },
      tags: [
        { name: '系统', description: '健康检查与接口描述' },
        { name: '登录与安全', description: '会话、动态验证码、密码' },
        { name: '组织机构', description: '人民政府与执法机关' },
        { name: '用户管理', description: '用户与角色' },
        { name: '公示平台', description: '公众可访问的公开信息' },
        { name: '事前公开', description: '执法事项、随机抽查事项、服务指南、裁量基准等清单的编制、法制审核与公布' },
        { name: '执法人员', description: '执法人员名册、执法证件、培训记录与执法资格核验' },
        { name: '文件', description: '证据、音像记录与文书文件：断点续传（tus）、边收边算摘要、按摘要存储' },
        { name: '工作日历', description: '法定节假日与调休上班日：按工作日计算期限' },
        { name: '数据交换', description: '向上级统一平台推送签名的公开数据，接收下级平台的推送（按序号、只处理一次）' },
        { name: '见证', description: '上下级平台互相见证记录账本（C2SP tlog-witness）' },
        { name: '记录账本', description: '不可删改的全过程记录：签名检查点、包含证明与一致性证明（RFC 9162）' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  registerProblemHandlers(app, (request, reply) => notFound(request, reply));

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查：数据库与记录账本',
        response: withErrors({
          200: Type.Object({
            status: Type.String(),
            database: Type.Object({ ok: Type.Boolean(), dialect: Type.String() }),
            ledger: Type.Object({ ok: Type.Boolean(), size: Type.Integer() }),
          }),
          503: Type.Object({
            status: Type.String(),
            database: Type.Object({ ok: Type.Boolean(), dialect: Type.String() }),
            ledger: Type.Object({ ok: Type.Boolean(), size: Type.Integer() }),
          }),
        }),
      },
    },
    async (_request, reply) => {
      try {
        const ledger = await readLedgerStatus(ctx.db);
        const isOk = ledger.isConsistent;
        return reply.code(isOk ? 200 : 503).send({
          status: isOk ? 'ok' : 'degraded',
          database: { ok: true, dialect: ctx.dialect },
          ledger: { ok: ledger.isConsistent, size: ledger.size },
        });
      } catch {
        return reply.code(503).send({ status: 'down', database: { ok: false, dialect: ctx.dialect }, ledger: { ok: false, size: 0 } });
      }
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerSessionGate(app, ctx);
  registerModuleRoutes(app, ctx);
  registerLedgerRoutes(app, ctx);

  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
  }

  function notFound(request: FastifyRequest, reply: FastifyReply) {
    const pathname = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !pathname.startsWith('/api/') && pathname !== '/healthz' && !path.extname(pathname);
    if (isPage && hasWeb) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    if (isPage) {
      return reply.type('text/plain; charset=utf-8').send('阳光执法平台：网页尚未构建，请运行 npm run build 后重启。接口说明见 /api/docs');
    }
    return sendProblem(reply, problemFor('request.route_not_found', pathname, `没有 ${request.method} ${pathname} 这个地址`));
  }

  return app;
}
