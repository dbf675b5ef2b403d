/**
 * The line each element of a top-level array starts on (`"steps": [...]` of a scenario, or a rules list), so a
 * refusal can name the line as well as the step. A small scan of JSON that has already parsed: strings are
 * skipped, containers counted.
 */
export function elementLines(json: string, key: string | null): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  /** Depth inside the wanted array, or -1 while outside it. */
  let arrayDepth = -1;
  let expectElement = false;
  let lastKey: string | null = null;
  for (let i = 0; i < json.length; i++) {
    const char = json[i] as string;
    if (char === '\n') line++;
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (expectElement && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') {
      const end = stringEnd(json, i);
      if (depth === 1 && key !== null) lastKey = json.slice(i + 1, end);
      i = end;
      continue;
    }
    if (char === '{' || char === '[') {
      depth++;
      const wanted = key === null ? depth === 1 : depth === 2 && lastKey === key;
      if (char === '[' && arrayDepth < 0 && wanted) {
        arrayDepth = depth;
        expectElement = true;
      }
    } else if (char === '}' || char === ']') {
      if (depth === arrayDepth) arrayDepth = -1;
      depth--;
    } else if (char === ',' && depth === arrayDepth) {
      expectElement = true;
    }
  }
  return lines;
}

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i;
  }
  return json.length;
}
