/**
 * Incremental entity resolution: a new article's names meet only the stored names that share one of their words
 * (blocking keys), never the whole pile. Names of one entity share an entity id, the smallest name id among them,
 * and every merge rule looks at two names only, so the entities do not depend on the order articles arrive in,
 * nor on how many workers link at once (the caller holds the store's linking lock).
 *
 * A single-word name ("Cerrón", "Keiko") that an article never ties to a full name joins the one person whose
 * full name holds that word; with two such people ("Keiko Fujimori", "Alberto Fujimori") it stays its own entity.
 * That choice is re-made whenever a name with that word arrives or two entities merge.
 */
import { createHash } from 'node:crypto';
import type { Doc } from '../core/doc.ts';
import type { LinkStore, MentionRecord, NameRecord, RoleRecord } from '../store/repository.ts';
import { localNames, nameTokens, personShaped, roleKey, samePerson } from './entity-names.ts';

/** Candidates read per blocking word; far above what a real word holds among person names. */
const maxCandidates = 5000;

/** The stable id of a folded name. */
export function nameId(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

/** Stores the doc's mentions under their names and links new names to the entities they belong to. */
export async function linkEntities(link: LinkStore, doc: Readonly<Doc>): Promise<void> {
  const names = localNames(doc);
  if (names.length === 0) return;
  const entities = doc.entities ?? [];
  const rows = names.map((n) => ({ id: nameId(n.key), key: n.key, person: personShaped(n.key), bare: !n.key.includes(' ') }));
  const created = await link.addNames(rows, new Map(rows.map((r) => [r.id, nameTokens(r.key)])));

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
    if (id && key) roles.push({ nameId: id, roleKey: key, role: role.role, articleId: doc.id, start: role.start, end: role.end });
  }
  const gainedRole = await link.addRoles(roles);

  const affectedWords = new Set<string>();
  const touched = rows.filter((r) => !r.bare && r.person && (created.has(r.id) || gainedRole.has(r.id)));
  for (const row of touched) {
    const [self] = await link.namesById([row.id]);
    if (!self) continue;
    for (const word of nameTokens(row.key)) {
      affectedWords.add(word);
      for (const other of await link.namesWithToken(word, maxCandidates)) {
        if (other.bare || !other.person || other.id === self.id) continue;
        if (!samePerson(self, other)) continue;
        const current = (await link.namesById([self.id]))[0]!;
        const them = (await link.namesById([other.id]))[0]!;
        await merge(link, current.entityId, them.entityId, affectedWords);
      }
    }
  }
  // A bare name mentioned again may change its majority type: it is reconsidered whenever it is mentioned.
  for (const row of rows) if (row.bare) affectedWords.add(row.key);
  for (const word of [...affectedWords].sort()) await attachBareName(link, word);
}

/** Joins two entities under the smaller id; the words of the absorbed names may change where a bare name belongs. */
async function merge(link: LinkStore, a: string, b: string, affectedWords: Set<string>): Promise<void> {
  if (a === b) return;
  const [winner, loser] = a < b ? [a, b] : [b, a];
  for (const name of await link.namesOfEntity(loser)) if (!name.bare) for (const word of nameTokens(name.key)) affectedWords.add(word);
  await link.mergeEntity(loser, winner);
}

/** A single-word name goes to the one person entity whose full names hold the word, when it is mostly tagged as a person. */
async function attachBareName(link: LinkStore, word: string): Promise<void> {
  const id = nameId(word);
  const [bare] = await link.namesById([id]);
  if (!bare || !bare.bare) return;
  const target = await soleHolder(link, word, bare);
  const wanted = target ?? bare.id;
  if (wanted !== bare.entityId) await link.setNameEntity(bare.id, wanted);
}

async function soleHolder(link: LinkStore, word: string, bare: NameRecord): Promise<string | null> {
  if (bare.personMentions * 2 <= bare.mentions) return null;
  const holders = new Set<string>();
  for (const name of await link.namesWithToken(word, maxCandidates)) if (!name.bare && name.person) holders.add(name.entityId);
  return holders.size === 1 ? [...holders][0]! : null;
}
