import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * "column contains text", the same on both dialects: the text's own % and _ are escaped, and the escape character
 * is named explicitly (PostgreSQL assumes a backslash, SQLite assumes none).
 */
export function containsText(column: Expression<string | null>, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
