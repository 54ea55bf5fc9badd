import { describe, expect, it } from 'vitest';
import { parseArn } from './arn.js';

describe('parseArn', () => {
  it('splits the parts and keeps colons inside the resource', () => {
    expect(parseArn('arn:aws:logs:eu-central-1:123456789012:log-group:/aws/eks:*')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'eu-central-1',
      accountId: '123456789012',
      resource: 'log-group:/aws/eks:*',
    });
  });

  it('accepts global services without region', () => {
    expect(parseArn('arn:aws:iam::123456789012:role/x')?.region).toBe('');
  });

  it.each([
    '',
    'arn:aws:acm',
    'arn:azure:acm:eu-central-1:123456789012:certificate/x',
    'arn:aws:acm:mars:123456789012:certificate/x',
    'arn:aws:acm:eu-central-1:12:certificate/x',
    'arn:aws:acm:eu-central-1:123456789012:',
  ])('refuses %j', (value) => {
    expect(parseArn(value)).toBeUndefined();
  });
});
