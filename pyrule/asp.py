"""Building ASP rules as clingo AST, node by node.

Takes terms of the syntax tree (variables, names, `None`) and this package's
own identifiers (predicate and function names); gives clingo AST nodes
(`clingo.ast`), which `pyrule.solve` hands to clingo's program builder. No
text is parsed on the way, so no name a user writes can become code: a name
is always a string term. Leaves (variables, strings, constants) recur in
nearly every rule and each node costs a call into clingo, so they are made
once and shared.
"""

from __future__ import annotations

from clingo import ast
from clingo.symbol import Function, Number, String, Symbol

from . import ast as A

_COMPARE = {"<": ast.ComparisonOperator.LessThan, "<=": ast.ComparisonOperator.LessEqual,
            "=": ast.ComparisonOperator.Equal, "!=": ast.ComparisonOperator.NotEqual,
            ">": ast.ComparisonOperator.GreaterThan, ">=": ast.ComparisonOperator.GreaterEqual}


class Builder:
    def __init__(self, file: str = "<pyrule>") -> None:
        pos = ast.Position(file, 1, 1)
        self.loc = ast.Location(pos, pos)
        self._vars: dict[str, ast.AST] = {}
        self._syms: dict[Symbol, ast.AST] = {}
        self.const_nil = self.symbol(Function("nil"))
        self.const_none = self.symbol(Function("none"))
        self.const_any = self.symbol(Function("any"))
        self.wild = ast.Variable(self.loc, "_")

    def location(self, span: A.Span) -> ast.Location:
        """The source position of a rule, for clingo's own messages."""
        return ast.Location(ast.Position(span.file, span.line, span.column),
                            ast.Position(span.file, span.end_line, span.end_column))

    # ---- terms

    def var(self, name: str) -> ast.AST:
        got = self._vars.get(name)
        if got is None:
            got = self._vars[name] = ast.Variable(self.loc, name)
        return got

    def symbol(self, sym: Symbol) -> ast.AST:
        got = self._syms.get(sym)
        if got is None:
            got = self._syms[sym] = ast.SymbolicTerm(self.loc, sym)
        return got

    def string(self, value: str) -> ast.AST:
        return self.symbol(String(value))

    def number(self, n: int) -> ast.AST:
        return self.symbol(Number(n))

    def func(self, name: str, *args: ast.AST) -> ast.AST:
        return ast.Function(self.loc, name, list(args), False)

    def term(self, t: A.Term | A.AnyState | None, bound: set[str] | None = None) -> ast.AST:
        """A term of a rule: a variable (anonymous if `bound` is given and
        does not contain it), a name as a string, `none` for an empty place."""
        if t is None:
            return self.const_none
        if isinstance(t, A.AnyState):
            return self.const_any
        if isinstance(t, A.Var):
            if bound is not None and t.name not in bound:
                return self.wild
            return self.var(t.name)
        return self.string(t.value)

    # ---- literals and rules

    def atom(self, name: str, *args: ast.AST) -> ast.AST:
        return ast.Literal(self.loc, ast.Sign.NoSign,
                           ast.SymbolicAtom(ast.Function(self.loc, name, list(args), False)))

    def compare(self, left: ast.AST, op: str, right: ast.AST) -> ast.AST:
        return ast.Literal(self.loc, ast.Sign.NoSign,
                           ast.Comparison(left, [ast.Guard(_COMPARE[op], right)]))

    def rule(self, head: ast.AST, body: list[ast.AST], loc: ast.Location | None = None) -> ast.AST:
        return ast.Rule(loc or self.loc, head, body)
