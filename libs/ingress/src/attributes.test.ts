import { describe, expect, it } from 'vitest';
import {
  AttributeSyntaxError,
  checkAttributes,
  formatAttributes,
  LISTENER_ATTRIBUTES,
  LOAD_BALANCER_ATTRIBUTES,
  parseAttributes,
  TARGET_GROUP_ATTRIBUTES,
} from './attributes.js';

const parsed = (raw: string) => Object.fromEntries(parseAttributes(raw));

describe('parseAttributes (the controller stringMap grammar)', () => {
  it('splits key=value pairs on commas and trims around them', () => {
    expect(parsed('a=1, b=2 ,c=3')).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('keeps everything after the first "=" in the value', () => {
    expect(parsed('key1=Mjk5NzkyNDU4Cg==,foo=ZGF=0=ZQo=')).toEqual({
      key1: 'Mjk5NzkyNDU4Cg==',
      foo: 'ZGF=0=ZQo=',
    });
  });

  it('reads "\\," as a comma inside a value', () => {
    expect(
      parsed('routing.http.response.access_control_allow_methods.header_value=GET\\,POST\\,OPTIONS,x=1'),
    ).toEqual({
      'routing.http.response.access_control_allow_methods.header_value': 'GET,POST,OPTIONS',
      x: '1',
    });
  });

  it('reads "\\\\" as one backslash', () => {
    expect(parsed('a=C:\\\\dir,b=2')).toEqual({ a: 'C:\\dir', b: '2' });
  });

  it('keeps a trailing comma inside the last value', () => {
    expect(parsed('a=1,b=2,')).toEqual({ a: '1', b: '2,' });
  });

  it('does not split on a newline', () => {
    expect(parsed('a=1\nb=2')).toEqual({ a: '1\nb=2' });
  });

  it('keeps the last value of a repeated key', () => {
    expect(parsed('a=1,a=2')).toEqual({ a: '2' });
  });

  it('refuses a pair without "=" (an unescaped comma inside a value)', () => {
    expect(() => parseAttributes('a=GET,POST')).toThrow(AttributeSyntaxError);
    expect(() => parseAttributes('a=GET,POST')).toThrow('"POST" is not a key=value pair');
    expect(() => parseAttributes('a=x,y,b=2')).toThrow('"y" is not a key=value pair');
  });

  it('refuses an empty key and an empty item', () => {
    expect(() => parseAttributes('=value')).toThrow('has an empty key');
    expect(() => parseAttributes('a=1,,b=2')).toThrow('"" is not a key=value pair');
  });
});

describe('formatAttributes', () => {
  it('escapes commas and backslashes so the controller reads the values back exactly', () => {
    const pairs: [string, string][] = [
      [
        'routing.http.response.content_security_policy.header_value',
        "default-src 'self'; img-src 'self' data:, https://cdn",
      ],
      ['b', 'x=y=z'],
      ['c', 'back\\slash,'],
      ['d', ''],
    ];
    const raw = formatAttributes(pairs);
    expect(raw).toBe(
      "routing.http.response.content_security_policy.header_value=default-src 'self'; img-src 'self' data:\\, https://cdn,b=x=y=z,c=back\\\\slash\\,,d=",
    );
    expect([...parseAttributes(raw)]).toEqual(pairs);
  });

  it('round-trips values made of separators and escapes', () => {
    for (const value of [',', '\\', '\\,', ',,=,', 'a,b=c', '=', 'x\\']) {
      expect(
        parseAttributes(
          formatAttributes([
            ['k', value],
            ['z', '1'],
          ]),
        ).get('k'),
      ).toBe(value);
    }
  });

  it('refuses what cannot round-trip: surrounding spaces, control characters, odd keys', () => {
    expect(() => formatAttributes([['a', ' padded']])).toThrow(
      'the controller trims leading and trailing white space',
    );
    expect(() => formatAttributes([['a', 'line\nbreak']])).toThrow(
      'values must not contain control characters',
    );
    expect(() => formatAttributes([['a=b', '1']])).toThrow('keys are letters, digits and "_.:/-" only');
  });
});

describe('checkAttributes (closed catalogues)', () => {
  it('accepts known keys with valid values', () => {
    expect(
      checkAttributes(LOAD_BALANCER_ATTRIBUTES, [
        ['idle_timeout.timeout_seconds', '300'],
        ['routing.http.desync_mitigation_mode', 'strictest'],
      ]),
    ).toEqual([]);
  });

  it('refuses unknown keys, naming the known ones', () => {
    const [problem] = checkAttributes(TARGET_GROUP_ATTRIBUTES, [['stickiness.lb_cookie.duration', '60']]);
    expect(problem!.key).toBe('stickiness.lb_cookie.duration');
    expect(problem!.allowed).toContain('stickiness.lb_cookie.duration_seconds');
  });

  it('refuses bad values with what is allowed', () => {
    expect(
      checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['idle_timeout.timeout_seconds', '5000']])[0]!.allowed,
    ).toBe('a whole number from 1 to 4000');
    expect(
      checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['routing.http.desync_mitigation_mode', 'monitor ']])[0]!
        .allowed,
    ).toBe('one of "monitor", "defensive", "strictest"');
    expect(
      checkAttributes(LISTENER_ATTRIBUTES, [
        ['routing.http.response.x_frame_options.header_value', 'deny'],
      ])[0]!.allowed,
    ).toBe('"DENY", "SAMEORIGIN" or "ALLOW-FROM <origin>"');
    expect(checkAttributes(TARGET_GROUP_ATTRIBUTES, [['stickiness.type', 'source_ip']])[0]!.allowed).toBe(
      'one of "lb_cookie", "app_cookie"',
    );
  });
});
