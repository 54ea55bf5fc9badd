/**
 * The files README.md's "How to" recipes say they touch, read from the README itself: in the recipe's section
 * (`### Add a route`), the paragraphs that start with a label (`Touches:`, `A backend new to the ALB also
 * touches:`) and the paths they name in backticks.
 */

/** The text of the `### <heading>` section of a Markdown document, up to the next heading of level 2 or 3. */
export function sectionOf(markdown: string, heading: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `### ${heading}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^#{2,3} /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** A paragraph's text without Markdown emphasis at its start (`**Touches:**` reads `Touches:`). */
const plain = (paragraph: string): string => paragraph.trim().replace(/^\*\*|\*\*/g, '');

/**
 * The paths (backticked names with a `/`) of the paragraphs of `section` that start with one of `labels`; throws
 * when a label starts no paragraph.
 */
export function touchedPaths(section: string, labels: readonly string[]): string[] {
  const paragraphs = section.split(/\n\s*\n/).map(plain);
  return labels.flatMap((label) => {
    const paragraph = paragraphs.find((p) => p.startsWith(label));
    if (paragraph === undefined) throw new Error(`no paragraph starting with "${label}"`);
    return [...paragraph.matchAll(/`([^`\s]*\/[^`\s]*)`/g)].map((m) => m[1]!);
  });
}
