import { createHash } from 'node:crypto';

// One state change of the Redis governance store as one script run: the values the change was
// computed from (guards) and the writes it makes (ops). Redis runs a script without interleaving
// any other command, so either every guard holds and every write is made, or a guard failed and
// nothing is written; the store then reads again and recomputes (optimistic concurrency). Before
// the first write the script checks the type of every key it will write, so a key of an
// unexpected type (or a counter that is not a number) stops the step before it has written
// anything: Redis does not undo the writes a script made before it failed (ARCHITECTURE.md "Stores").

/** A value the step was computed from: a string key's value, or a hash field's; null = absent. */
export interface Guard {
  k: number;
  f?: string;
  v?: string;
}

export type Op =
  | { op: 'set'; k: number; v: string }
  | { op: 'del'; k: number }
  | { op: 'incr'; k: number }
  | { op: 'zadd'; k: number; m: string }
  | { op: 'zrem'; k: number; m: string }
  | { op: 'hset'; k: number; f: string; v: string }
  | { op: 'hdel'; k: number; f: string };

export const STEP_SCRIPT = `
local program = cjson.decode(ARGV[1])
for i, g in ipairs(program.g) do
  local current
  if g.f then current = redis.call('HGET', KEYS[g.k], g.f) else current = redis.call('GET', KEYS[g.k]) end
  if current == false then current = nil end
  if current ~= g.v then return i end
end
local expected = { set = 'string', del = nil, incr = 'string', zadd = 'zset', zrem = 'zset', hset = 'hash', hdel = 'hash' }
for _, o in ipairs(program.o) do
  local want = expected[o.op]
  if want then
    local actual = redis.call('TYPE', KEYS[o.k]).ok
    if actual ~= 'none' and actual ~= want then
      return redis.error_reply('governance step: ' .. KEYS[o.k] .. ' holds a ' .. actual .. ', not a ' .. want .. '; nothing was written')
    end
    if o.op == 'incr' and actual == 'string' and not string.match(redis.call('GET', KEYS[o.k]), '^%-?%d+$') then
      return redis.error_reply('governance step: ' .. KEYS[o.k] .. ' does not hold a counter; nothing was written')
    end
  end
end
for _, o in ipairs(program.o) do
  local key = KEYS[o.k]
  if o.op == 'set' then redis.call('SET', key, o.v)
  elseif o.op == 'del' then redis.call('DEL', key)
  elseif o.op == 'incr' then redis.call('INCR', key)
  elseif o.op == 'zadd' then redis.call('ZADD', key, 0, o.m)
  elseif o.op == 'zrem' then redis.call('ZREM', key, o.m)
  elseif o.op == 'hset' then redis.call('HSET', key, o.f, o.v)
  elseif o.op == 'hdel' then redis.call('HDEL', key, o.f)
  end
end
return 0
`;

export const STEP_SCRIPT_SHA = createHash('sha1').update(STEP_SCRIPT).digest('hex');

const OPS = new Set(['set', 'del', 'incr', 'zadd', 'zrem', 'hset', 'hdel']);

/** Builds one step: guards first, then writes, over keys declared to Redis as KEYS. */
export class Step {
  readonly keys: string[] = [];
  readonly guards: Guard[] = [];
  readonly ops: Op[] = [];
  readonly #indexes = new Map<string, number>();

  #key(key: string): number {
    let index = this.#indexes.get(key);
    if (index === undefined) {
      this.keys.push(key);
      index = this.keys.length;
      this.#indexes.set(key, index);
    }
    return index;
  }

  /** The step happens only if `key` still holds `value` (null: does not exist). */
  expect(key: string, value: string | null): this {
    this.guards.push({ k: this.#key(key), ...(value === null ? {} : { v: value }) });
    return this;
  }

  /** The step happens only if the hash field still holds `value` (null: does not exist). */
  expectField(key: string, field: string, value: string | null): this {
    this.guards.push({ k: this.#key(key), f: field, ...(value === null ? {} : { v: value }) });
    return this;
  }

  set(key: string, value: string): this {
    return this.#op({ op: 'set', k: this.#key(key), v: value });
  }

  del(key: string): this {
    return this.#op({ op: 'del', k: this.#key(key) });
  }

  incr(key: string): this {
    return this.#op({ op: 'incr', k: this.#key(key) });
  }

  zadd(key: string, member: string): this {
    return this.#op({ op: 'zadd', k: this.#key(key), m: member });
  }

  zrem(key: string, member: string): this {
    return this.#op({ op: 'zrem', k: this.#key(key), m: member });
  }

  hset(key: string, field: string, value: string): this {
    return this.#op({ op: 'hset', k: this.#key(key), f: field, v: value });
  }

  hdel(key: string, field: string): this {
    return this.#op({ op: 'hdel', k: this.#key(key), f: field });
  }

  /** The script's one argument. */
  program(): string {
    return JSON.stringify({ g: this.guards, o: this.ops });
  }

  #op(op: Op): this {
    if (!OPS.has(op.op)) throw new TypeError(`unknown step operation ${op.op}`);
    this.ops.push(op);
    return this;
  }
}
