import { type Static, Type } from 'typebox';
import { StringEnum } from '../../http/schemas.js';
import { roles } from '../../kernel/actor.js';
import { governmentLevels } from '../../kernel/division-code.js';
import { agencyKinds } from './agency-kinds.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const optionalText = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });

export const AgencyKind = StringEnum(Object.keys(agencyKinds) as (keyof typeof agencyKinds)[], {
  description: Object.entries(agencyKinds)
    .map(([k, v]) => `${k}: ${v}`)
    .join('；'),
});
export const RoleSchema = StringEnum(roles);

export const Government = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  divisionCode: Type.String(),
  name: Type.String(),
});
export const GovernmentList = Type.Object({ items: Type.Array(Government) });
export const CreateGovernmentBody = Type.Object(
  {
    parentId: Type.Union([Id, Type.Null()]),
    level: StringEnum(governmentLevels),
    divisionCode: Type.String({ minLength: 6, maxLength: 9, description: 'GB/T 2260 六位代码；乡级为九位统计用区划代码' }),
    name: Type.String({ minLength: 2, maxLength: 60 }),
  },
  { additionalProperties: false },
);

const agencyContactFields = {
  address: optionalText(200),
  phone: optionalText(40),
  supervisionPhone: optionalText(40),
  complaintChannel: optionalText(200),
  website: optionalText(200),
  officeHours: optionalText(100),
};

export const AgencyContact = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  isJusticeBureau: Type.Boolean(),
  address: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  supervisionPhone: Type.Union([Type.String(), Type.Null()]),
  complaintChannel: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  officeHours: Type.Union([Type.String(), Type.Null()]),
});

export const Agency = Type.Evaluate(
  Type.Intersect([
    AgencyContact,
    Type.Object({
      governmentId: Type.String(),
      governmentName: Type.String(),
      shortName: Type.Union([Type.String(), Type.Null()]),
      uscc: Type.String({ description: '统一社会信用代码（GB 32100-2015）' }),
      isActive: Type.Boolean(),
      version: Type.Integer(),
      createdAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ]),
);
export const AgencyList = Type.Object({ items: Type.Array(Agency), total: Type.Integer() });

export const AgencyQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    governmentId: Type.Optional(Id),
    isActive: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);

export const CreateAgencyBody = Type.Object(
  {
    governmentId: Id,
    name: Type.String({ minLength: 2, maxLength: 100 }),
    shortName: optionalText(40),
    uscc: Type.String({ minLength: 1, maxLength: 30, description: '18位统一社会信用代码，第18位为校验码' }),
    kind: AgencyKind,
    ...agencyContactFields,
  },
  { additionalProperties: false },
);
export type CreateAgencyInput = Static<typeof CreateAgencyBody>;

export const UpdateAgencyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    shortName: optionalText(40),
    uscc: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    kind: Type.Optional(AgencyKind),
    ...agencyContactFields,
  },
  { additionalProperties: false },
);
export type UpdateAgencyInput = Static<typeof UpdateAgencyBody>;

export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const DeactivateBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

export const HistoryList = Type.Object({
  items: Type.Array(Type.Object({ seq: Type.Integer(), occurredAt: Type.String(), actorLabel: Type.String(), action: Type.String() })),
});

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Type.Union([Type.String(), Type.Null()]),
  agencyName: Type.Union([Type.String(), Type.Null()]),
  post: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleSchema),
  isActive: Type.Boolean(),
  hasSecondFactor: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const UserList = Type.Object({ items: Type.Array(User), total: Type.Integer() });
export const UserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    agencyId: Type.Optional(Id),
    role: Type.Optional(RoleSchema),
    isActive: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);

export const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{2,31}$',
  description: '3–32位小写字母、数字、点、下划线或连字符',
});
export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 2, maxLength: 40 }),
    agencyId: Type.Union([Id, Type.Null()]),
    post: optionalText(60),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;
export const UpdateUserBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
    agencyId: Type.Optional(Type.Union([Id, Type.Null()])),
    post: optionalText(60),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;
export const ResetPasswordBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), newPassword: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export const PublicPortal = Type.Object({
  government: Type.Union([Type.Object({ name: Type.String(), divisionCode: Type.String(), fullName: Type.String() }), Type.Null()]),
  justiceBureau: Type.Union([AgencyContact, Type.Null()]),
  agencies: Type.Array(AgencyContact),
});
