// What goes into the browser bundle: the web app imports the shared protocol's values (close
// codes, version) but only the types of the API schemas, so no validator is shipped to browsers.
// Read from the build's source maps, which list every module the bundle was made from.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from './support/webBuild.js';

const assets = path.resolve(import.meta.dirname, '../../dist/web/assets');

describe('the web bundle', () => {
  let modules: string[];

  beforeAll(async () => {
    await ensureWebBuild();
    modules = fs
      .readdirSync(assets)
      .filter((file) => file.endsWith('.js.map'))
      .flatMap((file) => {
        const map = JSON.parse(fs.readFileSync(path.join(assets, file), 'utf8')) as {
          sources: string[];
        };
        return map.sources;
      });
  });

  it('is made from the web app and the shared protocol', () => {
    expect(modules).toContainEqual(expect.stringMatching(/src\/web\/main\.tsx$/));
    expect(modules).toContainEqual(expect.stringMatching(/src\/shared\/protocol\.ts$/));
  });

  it('carries no zod and none of the schema modules', () => {
    const schemas = /node_modules\/zod\/|src\/shared\/(api|clientFrames)\.ts$/;
    expect(modules.filter((module) => schemas.test(module))).toEqual([]);
  });
});
