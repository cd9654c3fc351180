/** What every task editor receives (editor-registry.tsx maps a task's kind to its editor). */
import type { ReactElement } from 'react';
import type { ExecutionPreview } from '../../../../shared/preview';
import type { FieldProblem } from './field-problems';

export interface EditorProps {
  /** The edited metadata (the agent's proposal plus Kenny's changes so far). */
  metadata: Record<string, unknown>;
  /** Sets one metadata key; undefined removes it. */
  set: (key: string, value: unknown) => void;
  /** The live validation of the edit, by field. */
  problems: FieldProblem[];
  /** The field "Fix…" pointed at: its input gets the focus. */
  focusField: string | null;
  /** The live preview of the edit (null while it cannot be built). */
  preview: ExecutionPreview | null;
  /** The preview of the task as it stands (content held elsewhere, e.g. a draft row, gives the starting values). */
  proposal: ExecutionPreview | null;
}

export interface EditorEntry {
  /** The tab's name ("E-mail", "Post"). */
  label: string;
  /** Metadata paths the editor shows: their errors appear at the field, others above the form. */
  fields: string[];
  Editor: (props: EditorProps) => ReactElement;
}
