/**
 * Two things that let PostgreSQL reuse the linking transaction's statements instead of parsing and planning each one
 * again: an `in` list becomes one array parameter (`= any($1)`), so a statement's text no longer depends on how many
 * values it is given, and the pool's connections run their statements as named prepared statements. Linking issues
 * about 150 statements an article, each a round trip; parsing and planning was a large part of each.
 */
import { createHash } from 'node:crypto';
import {
  BinaryOperationNode,
  FunctionNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  ValueNode,
} from 'kysely';
import pg from 'pg';

class ArrayListTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const { operator, rightOperand } = node;
    if (!OperatorNode.is(operator) || !PrimitiveValueListNode.is(rightOperand) || rightOperand.values.length === 0) return super.transformBinaryOperation(node);
    if (operator.operator !== 'in' && operator.operator !== 'not in') return super.transformBinaryOperation(node);
    // `x in (a, b)` is `x = any('{a,b}')` and `x not in (a, b)` is `x <> all('{a,b}')`; the array's type is the column's.
    const array = ValueNode.create([...rightOperand.values]);
    return BinaryOperationNode.create(
      this.transformNode(node.leftOperand),
      OperatorNode.create(operator.operator === 'in' ? '=' : '<>'),
      FunctionNode.create(operator.operator === 'in' ? 'any' : 'all', [array]),
    );
  }
}

/** Turns every `in` / `not in` list of plain values into one array parameter. */
export class ArrayListPlugin implements KyselyPlugin {
  readonly #transformer = new ArrayListTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * A pool whose connections prepare their statements. Each is planned again for its values (the plan a prepared
 * statement falls back to after five runs ignores them: with the copy keys' array it scanned the whole index, 200 ms
 * an article where a plan for the values takes 10); only the parse is saved.
 */
export function preparingPool(url: string, max: number, options: { asyncCommit?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, Client: PreparingClient });
  const settings = ['set plan_cache_mode = force_custom_plan', ...(options.asyncCommit ? ['set synchronous_commit = off'] : [])];
  pool.on('connect', (client) => {
    client.query(settings.join('; ')).catch(() => undefined);
  });
  return pool;
}

/**
 * Statements one connection keeps prepared. Texts still vary with the rows of a multi-row insert; the hot statements
 * come first (the first article issues them all), and a few hundred plans are a few MB of the server's memory.
 */
const preparedPerConnection = 400;

/**
 * A connection that prepares each statement it is given as text the first time, under a name derived from the text,
 * and afterwards only binds and runs it (node-postgres skips the parse of a name it has prepared on this connection).
 */
class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query is overloaded many ways; this only rewrites its text form.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0) return super.query(config, values, callback);
    const name = `q${createHash('sha1').update(config).digest('base64url').slice(0, 20)}`;
    if (!this.#prepared.has(name)) {
      if (this.#prepared.size >= preparedPerConnection) return super.query(config, values, callback);
      this.#prepared.add(name);
    }
    return super.query({ name, text: config, values }, callback);
  }
}
