import { describe, expect, it } from 'vitest';
import { OptionError } from '../../../../engine/model/errors/OptionError.ts';

describe('OptionError', () => {
  it('heads the problems with the command and names each option with its value as typed', () => {
    const error = new OptionError('replay', [
      { option: '--speed', value: '0x', message: 'must be max or a pace above 0x' },
      { option: '--token-env', value: 'NOPE', message: 'environment variable NOPE is not set' },
    ]);
    expect(error.message).toBe(
      'replay options: 2 problems\n  --speed 0x: must be max or a pace above 0x\n  --token-env NOPE: environment variable NOPE is not set',
    );
    expect(error).toMatchObject({ name: 'OptionError', exitCode: 2, command: 'replay' });
  });

  it('quotes a value that would not survive retyping, and leaves out one that was not given', () => {
    const error = new OptionError('detect', [
      { option: '--lateness', value: '5 m', message: 'not a duration' },
      { option: '--lateness', value: '', message: 'not a duration' },
      { option: '--to', message: 'is required with --as' },
    ]);
    expect(error.message.split('\n').slice(1)).toEqual([
      '  --lateness "5 m": not a duration',
      '  --lateness "": not a duration',
      '  --to: is required with --as',
    ]);
    expect(error.message.split('\n')[0]).toBe('detect options: 3 problems');
  });
});
