// What retention left of a request, as one pure rule the hub and the browser both read (no imports:
// the web takes it into its bundle through `#shokai/retained`).

/** Whether retention emptied this content (a request names at least one target until then). */
export const contentRetained = (content: { targets?: unknown }): boolean =>
  Array.isArray(content.targets) && content.targets.length === 0;
