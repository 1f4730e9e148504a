import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenSafeOrigin } from './origins';

test('an https origin, or http on loopback, may receive the token; a trailing slash is dropped', () => {
  for (const [value, origin] of [
    ['https://api.example.com', 'https://api.example.com'],
    ['https://api.example.com:8443/', 'https://api.example.com:8443'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://localhost:8000/', 'http://localhost:8000'],
    ['http://[::1]:8000', 'http://[::1]:8000'],
  ]) {
    assert.equal(tokenSafeOrigin(String(value)), origin, value);
  }
});

test('plain http elsewhere, a path, a query, other schemes and non-URLs are refused', () => {
  for (const value of [
    'http://api.example.com',
    'http://192.168.1.5:8000',
    'http://127.0.0.1.example.com',
    'https://api.example.com/api',
    'https://api.example.com?x=1',
    'https://user@api.example.com',
    'ftp://api.example.com',
    'javascript:alert(1)',
    'api.example.com',
    '',
  ]) {
    assert.equal(tokenSafeOrigin(value), undefined, value);
  }
});
