/**
 * Runs an Argo CD health script offline, in fengari (Lua 5.3 in JavaScript), with only the libraries Argo CD opens
 * for health scripts that use no open libs: base and table (ACD util/lua/lua.go; the safe os library is left out, the
 * scripts do not use it). A script calling `string.*` therefore fails here as it would in Argo CD.
 */
import fengari from 'fengari';

const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;
type State = ReturnType<typeof lauxlib.luaL_newstate>;

/** What a health script returned. */
export interface HealthResult {
  readonly status?: string;
  readonly message?: string;
}

/** Pushes a JSON value as Lua does after Argo CD decodes the object (arrays become 1-based tables). */
function push(L: State, value: unknown): void {
  if (value === null || value === undefined) lua.lua_pushnil(L);
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (typeof value === 'number') lua.lua_pushnumber(L, value);
  else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
  else if (Array.isArray(value)) {
    lua.lua_newtable(L);
    value.forEach((item, index) => {
      push(L, item);
      lua.lua_rawseti(L, -2, index + 1);
    });
  } else {
    lua.lua_newtable(L);
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      push(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  }
}

/** Runs `script` with the global `obj` set to `object`; returns the table it returns. Throws on a Lua error. */
export function runHealthLua(script: string, object: unknown): HealthResult {
  const L = lauxlib.luaL_newstate();
  lauxlib.luaL_requiref(L, to_luastring('_G'), lualib.luaopen_base, 1);
  lua.lua_pop(L, 1);
  lauxlib.luaL_requiref(L, to_luastring('table'), lualib.luaopen_table, 1);
  lua.lua_pop(L, 1);
  push(L, object);
  lua.lua_setglobal(L, to_luastring('obj'));
  if (lauxlib.luaL_dostring(L, to_luastring(script)) !== lua.LUA_OK) {
    const error = lua.lua_tostring(L, -1);
    throw new Error(`Lua error: ${error ? to_jsstring(error) : 'unknown'}`);
  }
  if (!lua.lua_istable(L, -1)) throw new Error('the health script returned no table');
  const field = (name: string): string | undefined => {
    lua.lua_getfield(L, -1, to_luastring(name));
    const text = lua.lua_tostring(L, -1);
    lua.lua_pop(L, 1);
    return text === null ? undefined : to_jsstring(text);
  };
  const status = field('status');
  const message = field('message');
  return { ...(status !== undefined ? { status } : {}), ...(message !== undefined ? { message } : {}) };
}
