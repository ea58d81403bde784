import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { citeLegalBasis, type FieldSpec, fieldsOf, formatFieldValue, gradeFields } from '../../shared/catalog';
import type { CatalogEntry, CatalogKind, LegalBasis } from '../../shared/types';

function legalBasesView(bases: LegalBasis[]): ReactNode {
  return (
    <ol className="catalog-basis-list">
      {bases.map((basis, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: provisions have no identity of their own; the list is read-only here.
        <li key={index}>
          <strong>{citeLegalBasis(basis)}</strong>
          {basis.text ? <div>{basis.text}</div> : null}
        </li>
      ))}
    </ol>
  );
}

function gradesView(grades: Record<string, unknown>[]): ReactNode {
  return grades.map((grade, index) => (
    <Descriptions
      // biome-ignore lint/suspicious/noArrayIndexKey: grades are shown in their stored order.
      key={index}
      className="catalog-grade"
      size="small"
      bordered
      column={1}
      title={<Typography.Text strong>{`${String(grade.code ?? '')} ${String(grade.label ?? '')}`}</Typography.Text>}
      items={gradeFields.map((field) => ({
        key: field.key,
        label: field.label,
        children: formatFieldValue(field, grade[field.key]) || '—',
      }))}
    />
  ));
}

export function fieldView(field: FieldSpec, value: unknown): ReactNode {
  if (field.type === 'legalBases' && Array.isArray(value) && value.length > 0) return legalBasesView(value as LegalBasis[]);
  if (field.type === 'grades' && Array.isArray(value) && value.length > 0) return gradesView(value as Record<string, unknown>[]);
  return formatFieldValue(field, value) || '—';
}

/** Every field of an entry with its Chinese name, in the list's field order. */
export default function EntryDetails({ kind, entry }: { kind: CatalogKind; entry: CatalogEntry }) {
  return (
    <Descriptions
      className="catalog-entry-details"
      size="small"
      bordered
      column={1}
      styles={{ label: { width: 180 } }}
      items={fieldsOf(kind).map((field) => ({ key: field.key, label: field.label, children: fieldView(field, entry[field.key]) }))}
    />
  );
}
