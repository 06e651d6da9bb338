/**
 * How a read of "the first N rows of each of an entity's names" goes over the names: one query per name along its
 * index while they are few (each reads at most N rows), else one query per group of names that reads every row of them
 * and keeps the first N. A much-named entity (hundreds of names, the matching rules' variants, most named a few times)
 * cost a statement per name and read: its page at 10,000 articles, for an entity of 205 names, took 840 statements and
 * 67 ms, most of it building the statements.
 */
export const nameReads = {
  /** Names read one query each up to this many. */
  oneByOneUpTo: 16,
  /** Names per query of a group (within every engine's limit on bound values). */
  groupSize: 300,
};

/** Each name alone when there are at most `nameReads.oneByOneUpTo`, else groups of names. */
export function nameGroups(names: readonly string[]): (string | string[])[] {
  if (names.length <= nameReads.oneByOneUpTo) return [...names];
  const groups: string[][] = [];
  for (let i = 0; i < names.length; i += nameReads.groupSize) groups.push(names.slice(i, i + nameReads.groupSize));
  return groups;
}
