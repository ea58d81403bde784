import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { entrySchemas } from '../modules/catalog/index.js';
import { catalogFields, gradeFields, legalBasisFields } from './catalog-fields.js';
import { type CatalogKind, catalogKinds } from './vocabulary.js';

interface ObjectSchema {
  properties: Record<string, TSchema & { title?: string; items?: TSchema }>;
  required?: string[];
}

function shapeOf(schema: ObjectSchema) {
  return Object.keys(schema.properties)
    .map((key) => [key, (schema.required ?? []).includes(key)])
    .sort();
}

describe('the field descriptions the web app and spreadsheets use', () => {
  it.each(Object.keys(catalogKinds) as CatalogKind[])('match the server schema of %s: same fields, same required ones', (kind) => {
    const schema = entrySchemas[kind] as unknown as ObjectSchema;
    expect(catalogFields[kind].map((field) => [field.key, field.isRequired]).sort()).toEqual(shapeOf(schema));
  });

  it('match the nested legal basis and grade schemas', () => {
    const item = entrySchemas.enforcement_item as unknown as ObjectSchema;
    const benchmark = entrySchemas.discretion_benchmark as unknown as ObjectSchema;
    const basis = item.properties.legalBases?.items as unknown as ObjectSchema;
    const grade = benchmark.properties.grades?.items as unknown as ObjectSchema;
    expect(legalBasisFields.map((field) => [field.key, field.isRequired]).sort()).toEqual(shapeOf(basis));
    expect(gradeFields.map((field) => [field.key, field.isRequired]).sort()).toEqual(shapeOf(grade));
  });
});
