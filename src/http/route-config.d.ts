import 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Callable without signing in (the portal, login, health). */
    isPublic?: boolean;
  }
}
