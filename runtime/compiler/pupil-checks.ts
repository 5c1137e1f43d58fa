/**
 * Mistakes TypeScript accepts but a pupil never means: a command named without its brackets
 * (`robot.stop;` does nothing) and `=` where a condition compares (`if (couleur = "red")`).
 */
import ts from "typescript";
import { format, type Locale } from "../i18n.ts";
import { exampleOf } from "../api/name-hints.ts";
import { pupilMessages as m } from "./pupil-messages.ts";
import { shortText } from "./pupil-diagnostics.ts";

export interface PupilCheck {
  start: number;
  code: "ROBOTYC_NOT_CALLED" | "ROBOTYC_ASSIGN_IN_CONDITION";
  text(locale: Locale): string;
}

export function findPupilMistakes(file: ts.SourceFile, checker: ts.TypeChecker): PupilCheck[] {
  const found: PupilCheck[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) notCalled(node.expression);
    if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node))
      assignment(node.expression);
    if (ts.isForStatement(node) && node.condition) assignment(node.condition);
    ts.forEachChild(node, visit);
  };
  const notCalled = (expression: ts.Expression) => {
    if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) return;
    if (checker.getTypeAtLocation(expression).getCallSignatures().length === 0) return;
    const written = shortText(expression.getText(file));
    const method = ts.isPropertyAccessExpression(expression) ? expression.name.text : written;
    const isApi = written === method || written === `robot.${method}`;
    const example = (isApi ? exampleOf(["robot", "global"], method) : undefined) ?? `${written}()`;
    found.push({
      start: expression.getStart(file),
      code: "ROBOTYC_NOT_CALLED",
      text: (locale) => format(m.notCalled, locale, { expression: written, example }),
    });
  };
  const assignment = (condition: ts.Expression) => {
    if (!ts.isBinaryExpression(condition)) return;
    if (condition.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const name = shortText(condition.left.getText(file));
    found.push({
      start: condition.operatorToken.getStart(file),
      code: "ROBOTYC_ASSIGN_IN_CONDITION",
      text: (locale) => format(m.assignInCondition, locale, { name }),
    });
  };
  visit(file);
  return found;
}
