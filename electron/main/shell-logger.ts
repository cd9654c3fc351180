/** Console logging for the main process, prefixed so it is findable in a terminal or a log file. */
export const shellLogger = {
  info: (message: string) => console.log(`[mission-control] ${message}`),
  warn: (message: string, detail?: unknown) => console.warn(`[mission-control] ${message}`, detail ?? ''),
  error: (message: string, detail?: unknown) => console.error(`[mission-control] ${message}`, detail ?? ''),
};
