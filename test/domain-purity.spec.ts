import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
/** What pure domain code may not load, directly or through anything it imports. */
const FORBIDDEN = /^(@nestjs\/|kysely$|kysely\/|pg$|pg-|@electric-sql\/|express$|fastify$|@fastify\/)/;

/** The specifiers a file loads at run time: imports and re-exports that are not type-only. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2023);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)
          : false);
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      const typeOnly = clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly);
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** A specifier as this project resolves it: a source file, or a package name. */
function resolveSpecifier(from: string, specifier: string): { file: string } | { package: string } {
  if (specifier.startsWith('#libs/')) return { file: join(ROOT, 'libs', specifier.slice('#libs/'.length), 'index.ts') };
  if (specifier.startsWith('.')) {
    const path = resolve(dirname(from), specifier);
    return { file: path.endsWith('.js') ? `${path.slice(0, -3)}.ts` : path };
  }
  return { package: specifier };
}

/** Every file and package a module loads, transitively; with the chain that reached each package. */
function closure(entry: string): { files: Set<string>; packages: Map<string, string[]> } {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const visit = (file: string, chain: string[]) => {
    if (files.has(file) || !file.endsWith('.ts')) return;
    files.add(file);
    for (const specifier of runtimeImports(file)) {
      const target = resolveSpecifier(file, specifier);
      if ('package' in target) {
        if (!packages.has(target.package)) packages.set(target.package, [...chain, relative(ROOT, file)]);
      } else visit(target.file, [...chain, relative(ROOT, file)]);
    }
  };
  visit(entry, []);
  return { files, packages };
}

const domainEntries = readdirSync(join(ROOT, 'libs'))
  .map((name) => join(ROOT, 'libs', name, 'domain', 'index.ts'))
  .filter((entry) => existsSync(entry));

describe('The pure domain entry points', () => {
  it('should exist for every bounded context', () => {
    expect(domainEntries.map((entry) => relative(ROOT, entry)).sort()).toEqual(
      expect.arrayContaining([
        'libs/diagnostics/domain/index.ts',
        'libs/enterprises/domain/index.ts',
        'libs/projects/domain/index.ts',
        'libs/providers/domain/index.ts',
      ]),
    );
  });

  it.each(domainEntries.map((entry) => [relative(ROOT, entry), entry]))(
    '%s should load neither Nest nor a database driver, through any import',
    (_name, entry) => {
      const { files, packages } = closure(entry);
      const forbidden = [...packages].filter(([name]) => FORBIDDEN.test(name));
      expect(forbidden.map(([name, chain]) => `${name} via ${chain.join(' -> ')}`)).toEqual([]);
      const outside = [...files]
        .map((file) => relative(ROOT, file))
        .filter((file) => !/^libs\/[a-z-]+\/domain\//.test(file) && !file.startsWith('libs/event-sourcing/'));
      expect(outside).toEqual([]);
    },
  );
});
