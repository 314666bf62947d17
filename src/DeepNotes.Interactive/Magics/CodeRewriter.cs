using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeepNotes.Interactive.Magics;

/// <summary>Turns cell code into lambda bodies and C# literals for the code that magics submit to the kernel.</summary>
public static class CodeRewriter
{
    /// <summary>
    /// Wraps script code as a lambda for <see cref="TimeIt.Run(Action, int?, int?)"/>. A script may end with a bare
    /// expression (its displayed value); inside a lambda that must become a statement, so a trailing expression
    /// that is not a valid statement on its own is discarded with "_ = …;".
    /// </summary>
    public static string TimeItLambda(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        string body = code;
        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax expression }
            && expression.SemicolonToken.IsMissing)
        {
            var e = expression.Expression;
            bool statementLike = e is InvocationExpressionSyntax or AwaitExpressionSyntax or AssignmentExpressionSyntax
                or ObjectCreationExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax;
            var replacement = statementLike ? e.ToFullString().TrimEnd() + ";" : "_ = (" + e.ToFullString().Trim() + ");";
            body = code[..e.FullSpan.Start] + replacement + code[e.FullSpan.End..];
        }
        bool isAsync = root.DescendantNodes().OfType<AwaitExpressionSyntax>().Any();
        return (isAsync ? "async () => {\n" : "() => {\n") + body + "\n}";
    }

    /// <summary>A C# string literal for text.</summary>
    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
