// A `when` condition: a small, safe expression language over facts and answers.
// It is parsed once, when content is loaded, and evaluated whenever facts change.
// Nothing in it can execute code: it only compares values.
#pragma once

#include "Result.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace bulkhead {

namespace condition {
struct Node;
}

class Condition {
public:
    // Looks up the current value of a name ("fact.hosting.provider" or a question id such as
    // "arch.platform.model"). Unset names give an empty list; a multi-choice answer gives
    // one element per chosen option; every other value gives exactly one element.
    using Lookup = std::function<QStringList(const QString &name)>;

    Condition();
    ~Condition();
    Condition(const Condition &other);
    Condition &operator=(const Condition &other);
    Condition(Condition &&) noexcept;
    Condition &operator=(Condition &&) noexcept;

    // On failure the Error's column is the 1-based character position in `text` where the
    // problem was found, and its message says what was expected.
    static Result<Condition> parse(const QString &text);

    bool isEmpty() const; // a default-constructed Condition; evaluates to true
    bool evaluate(const Lookup &lookup) const;

    // Every name the expression reads, each once, in order of first appearance.
    QStringList references() const;
    const QString &text() const { return m_text; }

private:
    QString m_text;
    std::shared_ptr<const condition::Node> m_root; // immutable, so sharing is safe
    QStringList m_references;
};

} // namespace bulkhead
