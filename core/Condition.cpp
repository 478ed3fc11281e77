// Parser and evaluator for `when` conditions. The text comes from content files, so it is
// treated as untrusted: the descent is bounded in depth and length, and every problem
// becomes an Error that points at the column where it was found.
#include "Condition.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace bulkhead::condition {

struct Node {
    enum class Kind { Or, And, Not, Truth, Constant, Equal, In };

    struct Operand {
        bool isName = false;
        QString text; // the name, or the literal's value
    };

    Kind kind = Kind::Constant;
    std::vector<Node> children; // Or/And: n-ary, so long chains stay shallow; Not: one
    Operand left; // Truth, Equal, In
    Operand right; // Equal
    QStringList list; // In
    bool constant = true; // Constant
};

} // namespace bulkhead::condition

namespace bulkhead {

namespace {

using condition::Node;

constexpr int kMaxLength = 4096;
constexpr int kMaxDepth = 64;

enum class Tok { End, Name, String, Number, True, False, And, Or, Not, In, Equal, NotEqual, LParen, RParen, LBracket, RBracket, Comma };

struct Token {
    Tok type = Tok::End;
    int pos = 0; // 0-based start in the source
    int end = 0;
    QString value; // names and literals: the name or the unescaped literal text
};

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}
// ASCII only on purpose: a look-alike Unicode letter in a name would silently never match.
bool isIdentStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_';
}
bool isIdentChar(QChar c)
{
    return isIdentStart(c) || isDigit(c);
}
bool isLiteral(Tok t)
{
    return t == Tok::String || t == Tok::Number || t == Tok::True || t == Tok::False;
}

Error makeError(const QString &message, int column)
{
    return Error {message, QString(), 0, column};
}

QString describeChar(const QString &text, int pos)
{
    if (pos >= text.size())
        return QStringLiteral("end of expression");
    const QChar c = text.at(pos);
    if (c.isHighSurrogate() && pos + 1 < text.size() && text.at(pos + 1).isLowSurrogate())
        return QLatin1Char('\'') + text.mid(pos, 2) + QLatin1Char('\'');
    if (c.isPrint() && !c.isSurrogate())
        return QLatin1Char('\'') + QString(c) + QLatin1Char('\'');
    // Control and stray surrogate characters would be invisible or garbled in a message.
    return QStringLiteral("U+") + QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

class Parser {
public:
    explicit Parser(const QString &text) : m_text(text) { }

    std::optional<Node> run()
    {
        Node root;
        if (!advance() || !parseOr(root))
            return std::nullopt;
        if (m_tok.type == Tok::RParen)
            fail(m_tok.pos, QStringLiteral("unexpected ')' without a matching '('"));
        else if (m_tok.type != Tok::End)
            expected(QStringLiteral("'and', 'or' or end of expression"));
        else
            return root;
        return std::nullopt;
    }

    const Error &error() const { return m_error; }
    const QStringList &references() const { return m_references; }

private:
    bool fail(int pos, const QString &message)
    {
        m_error = makeError(message, pos + 1);
        return false;
    }
    bool expected(const QString &what) { return fail(m_tok.pos, QStringLiteral("expected %1 but found ").arg(what) + found()); }
    bool expectedAt(int pos, const QString &what)
    {
        return fail(pos, QStringLiteral("expected %1 but found %2").arg(what, describeChar(m_text, pos)));
    }
    QString source(const Token &t) const { return m_text.mid(t.pos, t.end - t.pos); }

    QString found() const
    {
        if (m_tok.type == Tok::End)
            return QStringLiteral("end of expression");
        QString s = source(m_tok);
        if (s.size() > 32)
            s = s.left(29) + QStringLiteral("...");
        return m_tok.type == Tok::String ? s : QLatin1Char('\'') + s + QLatin1Char('\'');
    }

    int skip(int i, bool (*accept)(QChar)) const
    {
        while (i < m_text.size() && accept(m_text.at(i)))
            ++i;
        return i;
    }

    bool token(Tok type, int end, QString value = {})
    {
        m_tok.type = type;
        m_tok.value = std::move(value);
        m_pos = m_tok.end = end;
        return true;
    }

    // Lexing is on demand so that the first problem in reading order is the one reported.
    bool advance()
    {
        m_pos = skip(m_pos, [](QChar c) { return c.isSpace(); });
        m_tok = Token {};
        m_tok.pos = m_tok.end = m_pos;
        if (m_pos >= m_text.size())
            return true;
        const QChar c = m_text.at(m_pos);
        if (isIdentStart(c))
            return lexName();
        if (isDigit(c) || c == u'-')
            return lexNumber();
        if (c == u'\'' || c == u'"')
            return lexString();
        const QChar next = m_pos + 1 < m_text.size() ? m_text.at(m_pos + 1) : QChar();
        static constexpr std::pair<char16_t, Tok> singles[]
            = {{u'(', Tok::LParen}, {u')', Tok::RParen}, {u'[', Tok::LBracket}, {u']', Tok::RBracket}, {u',', Tok::Comma}};
        for (const auto &[ch, type] : singles) {
            if (c == ch)
                return token(type, m_pos + 1);
        }
        if ((c == u'=' || c == u'!') && next == u'=')
            return token(c == u'=' ? Tok::Equal : Tok::NotEqual, m_pos + 2);
        // Operators from other languages get a pointer to this one's spelling.
        if (c == u'=')
            return fail(m_pos, QStringLiteral("unknown operator '='; did you mean '=='?"));
        if (c == u'!')
            return fail(m_pos, QStringLiteral("unknown operator '!'; did you mean '!=' or 'not'?"));
        if (c == u'&' && next == u'&')
            return fail(m_pos, QStringLiteral("unknown operator '&&'; did you mean 'and'?"));
        if (c == u'|' && next == u'|')
            return fail(m_pos, QStringLiteral("unknown operator '||'; did you mean 'or'?"));
        if (c == u'<' || c == u'>') {
            return fail(m_pos,
                        QStringLiteral("unknown operator '%1'; conditions compare only with ==, !=, in and not in")
                            .arg(m_text.mid(m_pos, next == u'=' ? 2 : 1)));
        }
        return fail(m_pos, QStringLiteral("unexpected character ") + describeChar(m_text, m_pos));
    }

    bool lexName()
    {
        int i = skip(m_pos + 1, isIdentChar);
        bool dotted = false;
        while (i < m_text.size() && m_text.at(i) == u'.') {
            if (++i >= m_text.size() || !isIdentChar(m_text.at(i)))
                return expectedAt(i, QStringLiteral("a name part after '.'"));
            i = skip(i, isIdentChar);
            dotted = true;
        }
        const QString word = m_text.mid(m_pos, i - m_pos);
        static const std::pair<QLatin1String, Tok> keywords[]
            = {{QLatin1String("and"), Tok::And}, {QLatin1String("or"), Tok::Or},     {QLatin1String("not"), Tok::Not},
               {QLatin1String("in"), Tok::In},   {QLatin1String("true"), Tok::True}, {QLatin1String("false"), Tok::False}};
        for (const auto &[keyword, type] : keywords) {
            if (!dotted && word == keyword)
                return token(type, i);
        }
        return token(Tok::Name, i, word);
    }

    bool lexNumber()
    {
        int i = m_pos;
        if (m_text.at(i) == u'-' && (++i >= m_text.size() || !isDigit(m_text.at(i))))
            return expectedAt(i, QStringLiteral("a digit after '-'"));
        i = skip(i, isDigit);
        if (i < m_text.size() && m_text.at(i) == u'.') {
            if (++i >= m_text.size() || !isDigit(m_text.at(i)))
                return expectedAt(i, QStringLiteral("a digit after '.' in number"));
            i = skip(i, isDigit);
        }
        // "3abc" or "1.2.3" is far more likely a typo than two tokens.
        if (i < m_text.size() && (isIdentChar(m_text.at(i)) || m_text.at(i) == u'.'))
            return fail(i, QStringLiteral("unexpected character %1 after number").arg(describeChar(m_text, i)));
        return token(Tok::Number, i, m_text.mid(m_pos, i - m_pos));
    }

    bool lexString()
    {
        const QChar quote = m_text.at(m_pos);
        QString value;
        for (int i = m_pos + 1; i < m_text.size(); ++i) {
            const QChar c = m_text.at(i);
            if (c == quote)
                return token(Tok::String, i + 1, value);
            if (c == u'\\' && i + 1 < m_text.size()) {
                const QChar escaped = m_text.at(++i);
                if (escaped != u'\\' && escaped != u'\'' && escaped != u'"')
                    return fail(i - 1, QStringLiteral("unknown escape '\\%1' in string; only \\\\, \\' and \\\" are allowed").arg(escaped));
                value += escaped;
            } else if (c != u'\\') {
                value += c;
            }
        }
        return fail(m_pos, QStringLiteral("unterminated string: no closing %1").arg(quote));
    }

    bool enter()
    {
        if (++m_depth > kMaxDepth)
            return fail(m_tok.pos, QStringLiteral("too deeply nested: more than %1 levels of parentheses and 'not'").arg(kMaxDepth));
        return true;
    }

    bool parseChain(Tok op, Node::Kind kind, bool (Parser::*operand)(Node &), Node &out)
    {
        if (!(this->*operand)(out))
            return false;
        if (m_tok.type != op)
            return true;
        Node chain;
        chain.kind = kind;
        chain.children.push_back(std::move(out));
        while (m_tok.type == op) {
            chain.children.emplace_back();
            if (!advance() || !(this->*operand)(chain.children.back()))
                return false;
        }
        out = std::move(chain);
        return true;
    }

    bool parseOr(Node &out) { return parseChain(Tok::Or, Node::Kind::Or, &Parser::parseAnd, out); }
    bool parseAnd(Node &out) { return parseChain(Tok::And, Node::Kind::And, &Parser::parseNot, out); }

    // `not` takes the whole comparison after it: `not a == 'x'` is `not (a == 'x')`, since
    // comparing the boolean `not a` with a string would mean nothing.
    bool parseNot(Node &out)
    {
        if (m_tok.type != Tok::Not)
            return parseComparison(out);
        Node inner;
        if (!enter() || !advance() || !parseNot(inner))
            return false;
        --m_depth;
        out = negate(std::move(inner));
        return true;
    }

    static Node negate(Node inner)
    {
        Node node;
        node.kind = Node::Kind::Not;
        node.children.push_back(std::move(inner));
        return node;
    }

    // Takes the current token as an operand if it is a name or (when allowed) a literal.
    bool takeOperand(Node::Operand &out, bool allowName = true)
    {
        const bool isName = m_tok.type == Tok::Name;
        if (!(isName && allowName) && !isLiteral(m_tok.type))
            return false;
        out.isName = isName;
        out.text = m_tok.type == Tok::True ? QStringLiteral("true") : m_tok.type == Tok::False ? QStringLiteral("false") : m_tok.value;
        if (isName && !m_references.contains(out.text))
            m_references.append(out.text);
        return true;
    }

    bool parseComparison(Node &out)
    {
        if (m_tok.type == Tok::LParen) {
            if (!enter() || !advance() || !parseOr(out))
                return false;
            if (m_tok.type != Tok::RParen)
                return expected(QStringLiteral("')'"));
            --m_depth;
            return advance();
        }
        const Token first = m_tok;
        Node node;
        if (!takeOperand(node.left))
            return expected(QStringLiteral("a name, literal, 'not' or '('"));
        if (!advance())
            return false;
        const bool negated = m_tok.type == Tok::NotEqual || m_tok.type == Tok::Not;
        if (m_tok.type == Tok::Equal || m_tok.type == Tok::NotEqual) {
            const QString op = source(m_tok);
            if (!advance())
                return false;
            if (!takeOperand(node.right))
                return expected(QStringLiteral("a name or literal after '%1'").arg(op));
            node.kind = Node::Kind::Equal;
            if (!advance())
                return false;
        } else if (m_tok.type == Tok::In || m_tok.type == Tok::Not) {
            if (!advance())
                return false;
            if (negated && m_tok.type != Tok::In)
                return expected(QStringLiteral("'in' after 'not'"));
            if ((negated && !advance()) || !parseList(node.list))
                return false;
            node.kind = Node::Kind::In;
        } else if (first.type == Tok::Name) {
            node.kind = Node::Kind::Truth;
        } else if (first.type == Tok::True || first.type == Tok::False) {
            node.kind = Node::Kind::Constant;
            node.constant = first.type == Tok::True;
        } else {
            // A bare "'yes'" is always true, so it is almost certainly a half-written comparison.
            return expected(QStringLiteral("a comparison after literal %1").arg(source(first)));
        }
        out = negated ? negate(std::move(node)) : std::move(node);
        return true;
    }

    bool parseList(QStringList &out)
    {
        if (m_tok.type != Tok::LBracket)
            return expected(QStringLiteral("'[' after 'in'"));
        if (!advance())
            return false;
        if (m_tok.type == Tok::RBracket)
            return advance();
        for (;;) {
            Node::Operand item;
            if (!takeOperand(item, false))
                return expected(out.isEmpty() ? QStringLiteral("a literal or ']'") : QStringLiteral("a literal"));
            out.append(item.text);
            if (!advance())
                return false;
            if (m_tok.type == Tok::RBracket)
                return advance();
            if (m_tok.type != Tok::Comma)
                return expected(QStringLiteral("',' or ']'"));
            if (!advance())
                return false;
        }
    }

    const QString &m_text;
    int m_pos = 0;
    int m_depth = 0;
    Token m_tok;
    QStringList m_references;
    Error m_error;
};

// Numeric when both sides are finite numbers, so "3" matches "3.0"; "nan" and "inf"
// stay text so that they compare equal to themselves.
bool sameValue(const QString &a, const QString &b)
{
    bool okA = false;
    bool okB = false;
    const double x = a.toDouble(&okA);
    const double y = okA ? b.toDouble(&okB) : 0.0;
    return okA && okB && std::isfinite(x) && std::isfinite(y) ? x == y : a == b;
}

bool anyShared(const QStringList &left, const QStringList &right)
{
    return std::any_of(left.begin(), left.end(), [&right](const QString &a) {
        return std::any_of(right.begin(), right.end(), [&a](const QString &b) { return sameValue(a, b); });
    });
}

bool isTruthy(const QStringList &values)
{
    if (values.isEmpty())
        return false;
    for (const char *falsy : {"", "no", "false", "0", "na"}) {
        if (values.first().compare(QLatin1String(falsy), Qt::CaseInsensitive) == 0)
            return false;
    }
    return true;
}

QStringList valuesOf(const Node::Operand &operand, const Condition::Lookup &lookup)
{
    if (!operand.isName)
        return {operand.text};
    return lookup ? lookup(operand.text) : QStringList(); // no lookup: every name is unset
}

bool evaluateNode(const Node &node, const Condition::Lookup &lookup)
{
    const auto holds = [&lookup](const Node &child) { return evaluateNode(child, lookup); };
    switch (node.kind) {
    case Node::Kind::Or: return std::any_of(node.children.begin(), node.children.end(), holds);
    case Node::Kind::And: return std::all_of(node.children.begin(), node.children.end(), holds);
    case Node::Kind::Not: return !holds(node.children.front());
    case Node::Kind::Truth: return isTruthy(valuesOf(node.left, lookup));
    case Node::Kind::Constant: return node.constant;
    case Node::Kind::Equal: return anyShared(valuesOf(node.left, lookup), valuesOf(node.right, lookup));
    case Node::Kind::In: return anyShared(valuesOf(node.left, lookup), node.list);
    }
    return false;
}

} // namespace

Condition::Condition() = default;
Condition::~Condition() = default;
Condition::Condition(const Condition &other) = default;
Condition &Condition::operator=(const Condition &other) = default;
Condition::Condition(Condition &&) noexcept = default;
Condition &Condition::operator=(Condition &&) noexcept = default;

Result<Condition> Condition::parse(const QString &text)
{
    try {
        if (text.size() > kMaxLength) {
            return makeError(QStringLiteral("condition is too long: %1 characters, the limit is %2").arg(text.size()).arg(kMaxLength),
                             kMaxLength + 1);
        }
        if (text.trimmed().isEmpty())
            return makeError(QStringLiteral("empty condition"), 1);
        Parser parser(text);
        std::optional<Node> root = parser.run();
        if (!root)
            return parser.error();
        Condition condition;
        condition.m_text = text;
        condition.m_root = std::make_shared<const Node>(std::move(*root));
        condition.m_references = parser.references();
        return condition;
    } catch (...) {
        // Only allocation can throw here; content loading must still get an Error, not a crash.
        return makeError(QStringLiteral("could not parse condition"), 0);
    }
}

bool Condition::isEmpty() const
{
    return !m_root;
}
bool Condition::evaluate(const Lookup &lookup) const
{
    return !m_root || evaluateNode(*m_root, lookup);
}
QStringList Condition::references() const
{
    return m_references;
}

} // namespace bulkhead
