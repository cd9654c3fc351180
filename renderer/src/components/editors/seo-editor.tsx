/**
 * An SEO change (OpenCart): the new value of each product (and language), beside the value in the
 * shop now when it was read; category moves take the category ids. The length against OpenCart's
 * limit and duplicate keywords are checked live in the preview beside it.
 */
import type { PreviewDetail } from '../../../../shared/preview';
import type { EditorEntry, EditorProps } from './editor-types';
import { Field } from './field';

type Seo = Extract<PreviewDetail, { kind: 'seo_change' }>;
type Change = Record<string, unknown>;

const asChanges = (value: unknown): Change[] => (Array.isArray(value) ? value.filter((item): item is Change => !!item && typeof item === 'object' && !Array.isArray(item)) : []);

function SeoEditor({ metadata, set, problems, focusField, preview, proposal }: EditorProps) {
  const changes = asChanges(metadata.changes);
  const live = (preview?.detail.kind === 'seo_change' ? (preview.detail as Seo) : null) ?? (proposal?.detail.kind === 'seo_change' ? (proposal.detail as Seo) : null);
  const categories = metadata.change_type === 'category_move';
  const update = (index: number, after: unknown) => set('changes', changes.map((change, at) => (at === index ? { ...change, after } : change)));
  if (changes.length === 0) return <p className="muted small">This task lists no changes; add them in Advanced.</p>;
  return (
    <div className="seo-editor">
      <div className="muted small">
        {String(metadata.change_type ?? 'change')} · {changes.length} value{changes.length === 1 ? '' : 's'}
      </div>
      {changes.map((change, index) => {
        const product = live?.products?.find((item) => String(item.productId) === String(change.product_id));
        const current = product?.rows.find((row) => change.language_id === undefined || row.language === null || row.language.includes(String(change.language_id)))?.current;
        const after = change.after;
        return (
          <Field
            key={index}
            label={`${product?.name ?? `Product ${String(change.product_id)}`} (#${String(change.product_id)})${change.language_id !== undefined ? `, language ${String(change.language_id)}` : ''}: new value`}
            field={`metadata.changes.${index}`}
            problems={problems}
            focusField={focusField}
            hint={current !== undefined ? <>Now in the shop: {current ?? '(none)'}</> : null}
          >
            {(input) =>
              categories ? (
                <input {...input} value={Array.isArray(after) ? after.join(', ') : ''} placeholder="category ids, e.g. 20, 27" onChange={(event) => update(index, event.target.value.split(/[\s,]+/).filter(Boolean))} />
              ) : (
                <input {...input} value={typeof after === 'string' ? after : ''} onChange={(event) => update(index, event.target.value)} />
              )
            }
          </Field>
        );
      })}
    </div>
  );
}

export const seoEditor: EditorEntry = { label: 'SEO', fields: ['metadata.changes'], Editor: SeoEditor };
