/** The part of fengari (a Lua 5.3 VM in JavaScript, MIT) the health-check tests use. */
declare module 'fengari' {
  type LuaState = object;
  type LuaString = Uint8Array;
  interface Fengari {
    readonly lua: {
      readonly LUA_OK: number;
      lua_pushnil(L: LuaState): void;
      lua_pushboolean(L: LuaState, b: boolean): void;
      lua_pushnumber(L: LuaState, n: number): void;
      lua_pushstring(L: LuaState, s: LuaString): void;
      lua_newtable(L: LuaState): void;
      lua_setfield(L: LuaState, index: number, k: LuaString): void;
      lua_rawseti(L: LuaState, index: number, i: number): void;
      lua_setglobal(L: LuaState, name: LuaString): void;
      lua_getfield(L: LuaState, index: number, k: LuaString): number;
      lua_tostring(L: LuaState, index: number): LuaString | null;
      lua_istable(L: LuaState, index: number): boolean;
      lua_pop(L: LuaState, n: number): void;
    };
    readonly lauxlib: {
      luaL_newstate(): LuaState;
      luaL_requiref(L: LuaState, name: LuaString, open: (L: LuaState) => number, global: number): void;
      luaL_dostring(L: LuaState, script: LuaString): number;
    };
    readonly lualib: {
      luaopen_base(L: LuaState): number;
      luaopen_table(L: LuaState): number;
    };
    to_luastring(s: string): LuaString;
    to_jsstring(s: LuaString): string;
  }
  const fengari: Fengari;
  export default fengari;
}
