import { describe, expect, it } from 'vitest';
import { worldCacheDir } from '../../../../engine/formats/cache/worldCacheDir.ts';

const home = () => '/home/me';

describe('worldCacheDir', () => {
  it('is off by default, and on where PUSHSTORM_CACHE_DIR says when it is set', () => {
    expect(worldCacheDir(undefined, {}, home)).toBeUndefined();
    expect(worldCacheDir(undefined, { XDG_CACHE_HOME: '/x' }, home)).toBeUndefined();
    expect(worldCacheDir(undefined, { PUSHSTORM_CACHE_DIR: '/env' }, home)).toBe('/env');
  });

  it('takes --cache DIR over everything, and --no-cache turns it off even with the variable set', () => {
    expect(worldCacheDir('/given', { PUSHSTORM_CACHE_DIR: '/env' }, home)).toBe('/given');
    expect(worldCacheDir(false, { PUSHSTORM_CACHE_DIR: '/env' }, home)).toBeUndefined();
  });

  it('places --cache alone in PUSHSTORM_CACHE_DIR, else the XDG cache folder, else ~/.cache', () => {
    expect(worldCacheDir(true, { PUSHSTORM_CACHE_DIR: '/env', XDG_CACHE_HOME: '/x' }, home)).toBe('/env');
    expect(worldCacheDir(true, { PUSHSTORM_CACHE_DIR: '', XDG_CACHE_HOME: '/x' }, home)).toBe('/x/pushstorm');
    expect(worldCacheDir(true, {}, home)).toBe('/home/me/.cache/pushstorm');
  });
});
