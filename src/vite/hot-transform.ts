// The source transform behind the tickflow/vite plugin: finds a module's top-level `function*`
// declarations, wraps each through tickflow/hot's hotModule, and makes the module accept its own edits.
// A module is made hot only when swapping in a new instance is safe: it may define functions and
// constants, but no shared state (an exported object with state, such as a bitECS component, or a
// top-level call that creates something), since importers would keep the old instance's copy.
import { parseAst } from 'vite';

/** The outcome of {@link makeHot}: the new code, or why the module stays as it was. */
export type HotTransform =
  | {
      /** The module's new code. */
      code: string;
      /** Names of the top-level `function*`s it wraps, in source order. */
      behaviours: string[];
    }
  | {
      /** No new code: the module stays as it was. */
      code: undefined;
      /** Why, as a sentence fragment ("it has no top-level function*"). */
      reason: string;
    };

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/**
 * Makes one module hot, or says why not. The injected code goes on the first line and at the end, so
 * every other line keeps its number (source maps and stack traces stay right).
 *
 * @example
 * makeHot('export function* patrol(eid) { yield* waitMs(500); }', '/src/guard.ts', 'tickflow/hot');
 * // { code: 'import { hotModule as __tickflowHot } from "tickflow/hot";const __tickflowModule = ...', behaviours: ['patrol'] }
 */
export function makeHot(code: string, moduleId: string, runtime: string): HotTransform {
  if (code.startsWith('#!')) return { code: undefined, reason: 'it starts with a hashbang line' };
  let body: Node[];
  try {
    body = (parseAst(code) as unknown as { body: Node[] }).body;
  } catch (error) {
    return { code: undefined, reason: `it did not parse (${error instanceof Error ? error.message : String(error)})` };
  }
  const behaviours: string[] = [];
  for (const statement of body) {
    const reason = unsafe(statement, behaviours);
    if (reason !== undefined) return { code: undefined, reason: `${reason} (line ${lineOf(code, statement.start)})` };
  }
  if (behaviours.length === 0) return { code: undefined, reason: 'it has no top-level function*' };
  const wraps = behaviours.map((name) => `${name} = __tickflowModule.behaviour(${JSON.stringify(name)}, ${name});`).join('');
  const head = `import { hotModule as __tickflowHot } from ${JSON.stringify(runtime)};const __tickflowModule = __tickflowHot(${JSON.stringify(moduleId)});${wraps}`;
  const tail = '\nif (import.meta.hot) { import.meta.hot.accept(() => { __tickflowModule.edited(); }); }\n';
  return { code: head + code + tail, behaviours };
}

/** Why a top-level statement makes the module unsafe to swap, or undefined; collects generator names. */
function unsafe(statement: Node, behaviours: string[]): string | undefined {
  switch (statement.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'EmptyStatement':
      return undefined;
    case 'FunctionDeclaration':
      collect(statement, behaviours);
      return undefined;
    case 'VariableDeclaration':
      return variables(statement, false);
    case 'ExportNamedDeclaration': {
      const declaration = statement.declaration as Node | null;
      if (declaration === null || declaration === undefined) return undefined;
      if (declaration.type === 'FunctionDeclaration') {
        collect(declaration, behaviours);
        return undefined;
      }
      if (declaration.type === 'VariableDeclaration') return variables(declaration, true);
      return `it exports a ${declaration.type === 'ClassDeclaration' ? 'class' : declaration.type}`;
    }
    case 'ExportDefaultDeclaration': {
      const declaration = statement.declaration as Node;
      if (declaration.type === 'FunctionDeclaration') {
        if (declaration.id !== null) collect(declaration, behaviours);
        return undefined;
      }
      return 'its default export is not a function declaration';
    }
    default:
      return `it runs code at the top level (${statement.type})`;
  }
}

function collect(declaration: Node, behaviours: string[]): void {
  const id = declaration.id as { name: string } | null;
  if (declaration.generator === true && id !== null && declaration.async !== true) behaviours.push(id.name);
}

function variables(declaration: Node, exported: boolean): string | undefined {
  for (const declarator of declaration.declarations as Node[]) {
    const init = declarator.init as Node | null;
    if (init === null) {
      if (exported) return 'it exports a variable without a value';
      continue;
    }
    if (!isStatic(init)) return 'a top-level constant is computed by a call (state a new module instance would not share)';
    // An exported object or array may be shared state (a component, a list of entities): importers would
    // keep the old one while the new code writes to its own. Flat objects of plain values (enums) are fine.
    if (exported && !isPlainValue(init)) return 'it exports an object or array that may hold state (a component?): move it to a module without behaviours';
  }
  return undefined;
}

/** An expression that evaluates to the same thing in every instance of the module: no calls, no `new`. */
function isStatic(node: Node): boolean {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return (node.expressions as Node[]).every(isStatic);
    case 'UnaryExpression':
      return isStatic(node.argument as Node);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isStatic(node.left as Node) && isStatic(node.right as Node);
    case 'ConditionalExpression':
      return isStatic(node.test as Node) && isStatic(node.consequent as Node) && isStatic(node.alternate as Node);
    case 'MemberExpression':
      return isStatic(node.object as Node) && (node.computed !== true || isStatic(node.property as Node));
    case 'ArrayExpression':
      return (node.elements as Array<Node | null>).every((element) => element === null || isStatic(element.type === 'SpreadElement' ? (element.argument as Node) : element));
    case 'ObjectExpression':
      return (node.properties as Node[]).every((property) =>
        property.type === 'SpreadElement' ? isStatic(property.argument as Node) : (property.computed !== true || isStatic(property.key as Node)) && isStatic(property.value as Node),
      );
    default:
      return false;
  }
}

/** A primitive, or a flat object literal of primitives with at least one property (an enum). */
function isPlainValue(node: Node): boolean {
  if (node.type === 'ObjectExpression') {
    const properties = node.properties as Node[];
    return properties.length > 0 && properties.every((property) => property.type === 'Property' && isPrimitive(property.value as Node));
  }
  return isPrimitive(node);
}

function isPrimitive(node: Node): boolean {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'MemberExpression':
      return true;
    case 'TemplateLiteral':
      return (node.expressions as Node[]).every(isPrimitive);
    case 'UnaryExpression':
      return isPrimitive(node.argument as Node);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPrimitive(node.left as Node) && isPrimitive(node.right as Node);
    default:
      return false;
  }
}

function lineOf(code: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < code.length; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}
