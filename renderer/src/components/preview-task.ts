/**
 * The task whose preview is on screen, for parts of a preview that ask the engine for more (a
 * social post's images, previews:media). Provided by the approval card and the task page; null
 * elsewhere (the edit dialog's "before" preview, tests), where those parts show what the preview
 * itself carries.
 */
import { createContext } from 'react';

export const PreviewTaskContext = createContext<string | null>(null);
