// Babel plugin for a few prebuilt Paste files (see webpack.config.js): marks the calls that
// initialise top-level variables as pure (`/*#__PURE__*/`), so the minifier drops the
// ones whose variable nothing uses. In those files such calls are factories (reakit's
// createComponent / createHook, Paste's generateThemeFromTokens for each theme);
// webpack 4's tree shaking stops at "this export is unused" and leaves the call.
// A top-level `X.displayName = "..."` would still keep an unused X (an assignment is a
// side effect to the minifier), so it moves into X's declaration:
// `var X = /*#__PURE__*/ Object.assign(<init>, { displayName: "..." })`, the same
// property set before anything reads it.
module.exports = function pureTopLevel({ types: t }) {
  const pure = (node) => t.addComment(node, 'leading', '#__PURE__');
  return {
    name: 'pure-top-level',
    visitor: {
      Program(path) {
        const body = path.node.body;
        const declarators = new Map();
        for (const statement of body) {
          if (!t.isVariableDeclaration(statement)) continue;
          for (const declarator of statement.declarations) {
            if (t.isIdentifier(declarator.id)) declarators.set(declarator.id.name, declarator);
          }
        }
        path.node.body = body.filter((statement) => {
          const e = t.isExpressionStatement(statement) ? statement.expression : null;
          if (!t.isAssignmentExpression(e, { operator: '=' }) || !t.isMemberExpression(e.left, { computed: false })) return true;
          if (!t.isIdentifier(e.left.object) || !t.isIdentifier(e.left.property, { name: 'displayName' }) || !t.isStringLiteral(e.right)) return true;
          const declarator = declarators.get(e.left.object.name);
          if (!declarator || !declarator.init) return true;
          declarator.init = t.callExpression(t.memberExpression(t.identifier('Object'), t.identifier('assign')), [
            declarator.init,
            t.objectExpression([t.objectProperty(t.identifier('displayName'), e.right)]),
          ]);
          return false;
        });
        for (const declarator of declarators.values()) {
          if (t.isCallExpression(declarator.init) || t.isNewExpression(declarator.init)) pure(declarator.init);
        }
      },
    },
  };
};
