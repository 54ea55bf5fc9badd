/** The generated per-cluster README: each concern contributes sections; the platform assembles them. */

/** One section of a generated README. */
export interface DocSection {
  /** Heading text (rendered as a level-2 heading). */
  readonly title: string;
  /** Markdown body, without the heading. */
  readonly body: string;
  /** Sort key: lower comes first; equal keys keep their given order. */
  readonly order: number;
}

/**
 * Assembles a README from a title, an introduction and sections, deterministically. The contents are one line, so
 * the first section (a cluster's symptom index) starts right below the introduction.
 */
export function renderReadme(title: string, intro: string, sections: readonly DocSection[]): string {
  const sorted = sections
    .map((section, index) => ({ section, index }))
    .sort((a, b) => a.section.order - b.section.order || a.index - b.index)
    .map(({ section }) => section);
  const toc = `Contents: ${sorted.map((s) => `[${s.title}](#${anchor(s.title)})`).join(' · ')}`;
  const body = sorted.map((s) => `## ${s.title}\n\n${s.body.trim()}\n`).join('\n');
  return `# ${title}\n\n${intro.trim()}\n\n${toc}\n\n${body}`;
}

/** GitHub's heading anchor for a title. */
export function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}

/** A Markdown table; cells are escaped for `|`. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
