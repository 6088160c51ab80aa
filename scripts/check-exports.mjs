#!/usr/bin/env node
/**
 * Fails on an export of src/ that no other file imports (src/, test/): an export used only
 * inside its own file should not be one, and one used nowhere is dead code. A type that the
 * file's own declarations use (a parameter's or a result's shape) may stay exported unimported:
 * it is how a caller names that shape. Run by npm test (the lint step). bin/shopmetrics.js
 * imports main() from dist/, so that one is listed as used.
 */
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(import.meta.dirname, "..");
/** Exports used from outside the TypeScript program. */
const USED_ELSEWHERE = new Set(["src/cli/main.ts#main"]);

const configPath = resolve(ROOT, "test/tsconfig.json");
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const checker = program.getTypeChecker();
const rel = (file) => relative(ROOT, file);
const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes("node_modules"));

/** "file#name" of every export some other file imports (or re-exports), by resolving import specifiers. */
const used = new Set(USED_ELSEWHERE);
const wholeModules = new Set();
for (const file of files) {
  ts.forEachChild(file, function visit(node) {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const spec = node.moduleSpecifier.text;
      if (!spec.startsWith(".")) return;
      const target = rel(resolve(dirname(file.fileName), spec.replace(/\.js$/, ".ts")));
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        if (!clause) return;
        if (clause.name) used.add(`${target}#default`);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) wholeModules.add(target);
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) used.add(`${target}#${(el.propertyName ?? el.name).text}`);
      } else if (!node.exportClause) wholeModules.add(target);
      else if (ts.isNamedExports(node.exportClause))
        for (const el of node.exportClause.elements) used.add(`${target}#${(el.propertyName ?? el.name).text}`);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) wholeModules.add(rel(resolve(dirname(file.fileName), arg.text.replace(/\.js$/, ".ts"))));
    }
    ts.forEachChild(node, visit);
  });
}

const unused = [];
for (const file of files) {
  const path = rel(file.fileName);
  if (!path.startsWith("src/") || wholeModules.has(path)) continue;
  const symbol = checker.getSymbolAtLocation(file);
  if (!symbol) continue;
  for (const exported of checker.getExportsOfModule(symbol)) {
    const name = exported.getName();
    // A re-export (`export { x } from …`) belongs to the module it comes from.
    const declaration = exported.declarations?.[0];
    if (declaration && declaration.getSourceFile() !== file) continue;
    if (used.has(`${path}#${name}`)) continue;
    const isType =
      (exported.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) !== 0 && (exported.flags & ts.SymbolFlags.Value) === 0;
    if (isType && file.text.split(new RegExp(`\\b${name}\\b`)).length > 2) continue;
    unused.push(`${path}: ${name}`);
  }
}

if (unused.length > 0) {
  console.error(`Exports no other file imports (make them local, or delete them):\n  ${unused.join("\n  ")}`);
  process.exit(1);
}
console.log(`check-exports: every export of src/ is imported somewhere (${files.length} files)`);
