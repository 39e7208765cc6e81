// One report, two renderings: aligned plain text for the terminal, Markdown for results.md.
// A section is { title, note?, headers?, rows?, align?, footer? }; cells are strings; footer is
// a list of lines (a bulleted list in Markdown).

function widths(section) {
  return section.headers.map((header, column) => Math.max(header.length, ...section.rows.map((row) => String(row[column] ?? '').length)));
}

function pad(cell, width, align) {
  const text = String(cell ?? '');
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** `align` is a string with one letter per column: l(eft) or r(ight); numbers read best right-aligned. */
function alignments(section) {
  return section.headers.map((_, column) => (section.align?.[column] === 'r' ? 'right' : 'left'));
}

export function renderText(sections) {
  return sections
    .map((section) => {
      const lines = [section.title, '='.repeat(section.title.length)];
      if (section.note) lines.push(section.note);
      if (section.headers) {
        const width = widths(section);
        const align = alignments(section);
        const line = (row) =>
          row
            .map((cell, column) => pad(cell, width[column], align[column]))
            .join('  ')
            .trimEnd();
        lines.push('', line(section.headers), width.map((w) => '-'.repeat(w)).join('  '), ...section.rows.map(line));
      }
      if (section.footer?.length) lines.push('', ...section.footer);
      return lines.join('\n');
    })
    .join('\n\n');
}

const escapeCell = (cell) => String(cell ?? '').replace(/\|/g, '\\|');

export function renderMarkdown(sections, { heading = '##' } = {}) {
  return sections
    .map((section) => {
      const parts = [`${heading} ${section.title}`];
      if (section.note) parts.push(section.note);
      if (section.headers) {
        const align = alignments(section);
        parts.push(
          [
            `| ${section.headers.map(escapeCell).join(' | ')} |`,
            `| ${align.map((side) => (side === 'right' ? '---:' : '---')).join(' | ')} |`,
            ...section.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
          ].join('\n'),
        );
      }
      if (section.footer?.length) parts.push(section.footer.map((line) => `- ${line}`).join('\n'));
      return parts.join('\n\n');
    })
    .join('\n\n');
}
