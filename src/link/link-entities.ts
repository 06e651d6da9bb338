/**
 * Incremental entity resolution: a new article's names meet only the stored names that share one of their words
 * (blocking keys), never the whole pile. Names of one entity share an entity id, the smallest name id among them,
 * and every merge rule looks at two names only, so the entities do not depend on the order articles arrive in,
 * nor on how many workers link at once (the caller holds the store's linking lock).
 *
 * A single-word name ("Cerrón", "Keiko") that an article never ties to a full name joins the one person whose
 * full name holds that word; with two such people ("Keiko Fujimori", "Alberto Fujimori") it stays its own entity.
 * That choice is re-made whenever a name with that word arrives or two entities merge.
 *
 * A two-word name that ends full names ("Mamani Quispe", "Pastor Mendieta") and meets no one by the pairwise rules is
 * treated the same way: it joins the one person whose full names end with it ("Florencio Mamani Quispe"), and with two
 * (siblings share both surnames) it stays its own; a pairwise match found later takes it back first.
 *
 * A name inside longer ones ("Vladimir Cerrón" in "Vladimir Cerrón Rojas") is that person when the full names holding it
 * do not disagree; inside two people's ("José X" in "José Daniel X" and "José Rodrigo X") it joins neither, and when the
 * second arrives after it joined the first, that entity is split again into what the remaining matches join.
 *
 * Full names take part in the rules once an article uses one as a person's name (person-shaped, outside the headlines,
 * mostly tagged PER: `localNames`). That mark only ever turns on, and the name is examined again when it does, so a
 * headline run ("Puerto Quilla Daily Claims") never absorbs the short names inside it, whatever the order.
 */
import { createHash } from 'node:crypto';
import type { Doc } from '../core/doc.ts';
import { heldNameKeys, namePairKeys, tailKey } from '../core/names.ts';
import type { LinkStore, MentionRecord, NameRecord, RoleRecord } from '../store/repository.ts';
import { localNames, nameTokens, personMatch, personShaped, roleKey } from './entity-names.ts';

/** The stable id of a folded name. */
export function nameId(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

/** Stores the doc's mentions under their names and links new names to the entities they belong to. */
export async function linkEntities(link: LinkStore, doc: Readonly<Doc>): Promise<void> {
  const names = localNames(doc);
  // An article is linked once, all at once: a re-ingest (even with a newer tagger's mentions) changes nothing, so the
  // entities depend on the articles and not on the history of their ingests.
  if (names.length === 0 || (await link.entitiesLinked(doc.id))) return;
  const entities = doc.entities ?? [];
  const rows = names.map((n) => ({ id: nameId(n.key), key: n.key, person: n.person, bare: !n.key.includes(' ') }));
  // Words find the full names a bare name may belong to; word pairs find the full names a full name may be one person
  // with (stored once the name is used as a person's: a headline run's words are no one's name).
  const created = await link.addNames(
    rows,
    new Map(rows.map((r) => [r.id, nameTokens(r.key)])),
    new Map(rows.filter((r) => !r.bare && personShaped(r.key)).map((r) => [r.id, [...namePairKeys(r.key), ...heldNameKeys(r.key)]])),
  );

  const mentions: MentionRecord[] = [];
  names.forEach((name, i) => {
    for (const index of name.mentions) {
      const m = entities[index]!;
      mentions.push({ articleId: doc.id, mention: index, nameId: rows[i]!.id, text: m.text, type: m.type, start: m.start, end: m.end });
    }
  });
  await link.addMentions(mentions);

  const nameOfMention = new Map(mentions.map((m) => [m.mention, m.nameId]));
  const roles: RoleRecord[] = [];
  for (const role of doc.roles ?? []) {
    const id = nameOfMention.get(role.entity);
    const key = roleKey(role.role);
    if (id && key) roles.push({ nameId: id, roleKey: key, role: role.role, text: role.text, articleId: doc.id, start: role.start, end: role.end });
  }
  const gainedRole = await link.addRoles(roles);

  const affectedWords = new Set<string>();
  const affectedTails = new Set<string>();
  const changed = rows.filter((r) => !r.bare && (created.has(r.id) || gainedRole.has(r.id)));
  // One read for the changed names: whether a name is a person's is what the store holds (any article may have made it one).
  const known = new Map<string, NameRecord>();
  if (changed.length > 0) for (const n of await link.namesById(changed.map((r) => r.id))) known.set(n.id, n);
  const touched = changed.filter((r) => known.get(r.id)?.person);
  if (touched.length > 0) {
    // One read for every stored person name sharing a pair of words with the touched names.
    for (const w of touched.flatMap((r) => nameTokens(r.key))) affectedWords.add(w);
    for (const row of touched) addTail(affectedTails, row.key);
    const pairsOf = new Map(touched.map((r) => [r.id, namePairKeys(r.key)]));
    const holders = await link.personNamesWithTokens([...new Set([...pairsOf.values()].flat())]);
    const byWord = new Map<string, NameRecord[]>();
    for (const { token, name } of holders) {
      if (!known.has(name.id)) known.set(name.id, name);
      byWord.set(token, [...(byWord.get(token) ?? []), known.get(name.id)!]);
    }
    const ambiguous = ambiguityOf(link);
    for (const row of touched) {
      const self = known.get(row.id);
      if (!self) continue;
      const seen = new Set<string>([self.id]);
      for (const pair of pairsOf.get(row.id)!) {
        for (const other of byWord.get(pair) ?? []) {
          if (seen.has(other.id)) continue;
          seen.add(other.id);
          const match = personMatch(self, other);
          if (match === 'shortForm') {
            const short = self.key.length < other.key.length ? self : other;
            if (await ambiguous(short.key)) {
              // It may have joined one of its holders before the other arrived: that entity is split again.
              if (self.entityId === other.entityId) await recluster(link, self.entityId, ambiguous, affectedWords, affectedTails, known);
              continue;
            }
          }
          if (match === null || self.entityId === other.entityId) continue;
          // A name joined to a person by its ending alone goes back to itself before it joins by a pairwise match.
          for (const name of [self, other]) if (name.attached) await detach(link, name, affectedWords);
          await merge(link, self.entityId, other.entityId, affectedWords, affectedTails, known);
        }
      }
    }
  }
  // A two-word name is reconsidered whenever it is mentioned, as a bare name is (it may have become a person's name).
  for (const row of rows) if (!row.bare && row.key.split(' ').length === 2) affectedTails.add(`~${row.key}`);
  await attachTails(link, [...affectedTails].sort(), affectedWords);
  // A bare name mentioned again may change its majority type: it is reconsidered whenever it is mentioned.
  for (const row of rows) if (row.bare) affectedWords.add(row.key);
  await attachBareNames(link, [...affectedWords].sort());
}

/**
 * Whether a short form means two people: two full names of one length hold it that no match joins, pairwise or through
 * a name inside another ("jose chaluisa" in "jose daniel chaluisa" and "jose rodrigo chaluisa"; not "teodoro brizuela" in
 * "teodoro brizuela lanz" and "teodoro alcides brizuela prado"). Read from the names and their roles, never from the
 * entities, so that no arrival order can decide it.
 * Memoized for one linking.
 */
function ambiguityOf(link: LinkStore): (key: string) => Promise<boolean> {
  const memo = new Map<string, Promise<boolean>>();
  const ambiguous = (key: string): Promise<boolean> => {
    let answer = memo.get(key);
    if (!answer) {
      answer = (async () => {
        const holders = (await link.personNamesWithTokens([`^${key}`])).map((h) => h.name);
        if (holders.length < 2) return false;
        const group = holders.map((_, i) => i);
        const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
        for (let i = 0; i < holders.length; i++) {
          for (let j = i + 1; j < holders.length; j++) {
            if (find(i) === find(j)) continue;
            if (await joined(holders[i]!, holders[j]!, ambiguous)) group[find(i)] = find(j);
          }
        }
        // Names of one length that differ word for word are two people ("José Daniel X", "José Rodrigo X"); a longer
        // and a shorter one no match joins may still be one person named two ways, as before they held this name.
        const words = holders.map((h) => h.key.split(' ').length);
        return holders.some((_, i) => holders.some((_, j) => j > i && words[i] === words[j] && find(i) !== find(j)));
      })();
      memo.set(key, answer);
    }
    return answer;
  };
  return ambiguous;
}

/** Whether a match joins two full names: any rule but a short form that means two people. */
async function joined(a: NameRecord, b: NameRecord, ambiguous: (key: string) => Promise<boolean>): Promise<boolean> {
  const match = personMatch(a, b);
  return match === 'same' || (match === 'shortForm' && !(await ambiguous(a.key.length < b.key.length ? a.key : b.key)));
}

/** Adds a full name's tail key, when it has one, to the tails whose attachment is looked at again. */
function addTail(tails: Set<string>, key: string): void {
  const tail = tailKey(key);
  if (tail) tails.add(tail);
}

/**
 * Splits an entity into what its names' matches join once a short form among them turns ambiguous: union-find over the
 * pairwise matches of its full names, each part under its smallest name id (as `merge` would have built it). Names joined
 * by ending or bare names go back to being decided by their own rules.
 */
async function recluster(
  link: LinkStore,
  entityId: string,
  ambiguous: (key: string) => Promise<boolean>,
  affectedWords: Set<string>,
  affectedTails: Set<string>,
  known: Map<string, NameRecord>,
): Promise<void> {
  const members = await link.namesOfEntity(entityId);
  const full = members.filter((n) => !n.bare && !n.attached && n.person);
  const parent = new Map(full.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    while (parent.get(id) !== id) id = parent.get(id)!;
    return id;
  };
  for (let i = 0; i < full.length; i++) {
    for (let j = i + 1; j < full.length; j++) {
      // Two names already in one part are not matched again: each part is rooted at its smallest id whatever joined
      // it, and a popular person's hundreds of names made this quadratic in them (a few hundred matches an article at 10k).
      const [x, y] = [find(full[i]!.id), find(full[j]!.id)];
      if (x === y || !(await joined(full[i]!, full[j]!, ambiguous))) continue;
      parent.set(x < y ? y : x, x < y ? x : y);
    }
  }
  for (const name of members) {
    // A name that is not a person's full name here (a headline's, a bare word, a tail) keeps the part holding the smallest id.
    const part = parent.has(name.id) ? find(name.id) : name.bare || name.attached ? name.entityId : name.id;
    for (const word of nameTokens(name.key)) affectedWords.add(word);
    addTail(affectedTails, name.key);
    if (name.key.split(' ').length === 2) affectedTails.add(`~${name.key}`);
    if (part === name.entityId) continue;
    await link.setNameEntity(name.id, part, false);
    const cached = known.get(name.id);
    if (cached) cached.entityId = part;
  }
}

/** Takes a name joined by its ending back to an entity of its own. */
async function detach(link: LinkStore, name: NameRecord, affectedWords: Set<string>): Promise<void> {
  await link.setNameEntity(name.id, name.id, false);
  name.entityId = name.id;
  name.attached = false;
  for (const word of nameTokens(name.key)) affectedWords.add(word);
}

/**
 * A two-word person name that the pairwise rules join to no other full name goes to the one person entity whose full
 * names end with it ("Mamani Quispe" → "Florencio Mamani Quispe"); with none or two it is its own entity.
 */
async function attachTails(link: LinkStore, tails: readonly string[], affectedWords: Set<string>): Promise<void> {
  const names = (await link.namesById(tails.map((t) => nameId(t.slice(1))))).filter((n) => n.person && !n.bare && n.key.split(' ').length === 2);
  if (names.length === 0) return;
  // Only whether one entity or more holds the ending matters: at most two are read.
  const holders = await link.personEntitiesWithToken(
    names.map((n) => `~${n.key}`),
    2,
  );
  for (const name of names) {
    const entities = holders.get(`~${name.key}`) ?? [];
    const wanted = entities.length === 1 ? entities[0]! : name.id;
    if (wanted === name.entityId) continue;
    if (!name.attached) {
      // joined to someone by the pairwise rules: it stays with them
      if (entities.length !== 1 || (await link.namesOfEntity(name.entityId)).some((n) => n.id !== name.id && !n.bare)) continue;
      await link.setNameEntity(name.id, wanted, true);
    } else await link.setNameEntity(name.id, wanted, wanted !== name.id);
    for (const word of nameTokens(name.key)) affectedWords.add(word);
  }
}

/**
 * Joins two entities under the smaller id; the words and endings of the absorbed names may change where a bare name or
 * a two-word name belongs.
 */
async function merge(link: LinkStore, a: string, b: string, affectedWords: Set<string>, affectedTails: Set<string>, known: Map<string, NameRecord>): Promise<void> {
  if (a === b) return;
  const [winner, loser] = a < b ? [a, b] : [b, a];
  for (const name of await link.namesOfEntity(loser)) {
    if (name.bare) continue;
    for (const word of nameTokens(name.key)) affectedWords.add(word);
    addTail(affectedTails, name.key);
  }
  await link.mergeEntity(loser, winner);
  for (const name of known.values()) if (name.entityId === loser) name.entityId = winner;
}

/**
 * A single-word name goes to the one person entity whose full names hold the word, when most of its mentions are
 * tagged as a person; otherwise it is its own entity.
 */
async function attachBareNames(link: LinkStore, words: readonly string[]): Promise<void> {
  const bare = (await link.namesById(words.map(nameId))).filter((n) => n.bare);
  if (bare.length === 0) return;
  const people = bare.filter((n) => n.personMentions * 2 > n.mentions);
  // Only whether one entity or more holds the word matters: at most two are read, however common the word.
  const holders = await link.personEntitiesWithToken(
    people.map((n) => n.key),
    2,
  );
  for (const name of bare) {
    const entities = holders.get(name.key);
    const wanted = entities?.length === 1 && name.personMentions * 2 > name.mentions ? entities[0]! : name.id;
    if (wanted !== name.entityId) await link.setNameEntity(name.id, wanted);
  }
}
