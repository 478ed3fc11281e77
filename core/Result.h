// Errors cross library boundaries as values: a Result<T> holds either a value or an Error
// that names the input (file, line, column where there is one).
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace bulkhead {

// What kind of failure an Error is, where a caller can do something about it besides showing
// it. Almost every error is a plain failure.
enum class ErrorKind {
    Failed,
    // Someone else changed the record after the caller read it, and the caller asked not to
    // overwrite such a change: read the record again, then retry or overwrite on purpose.
    Conflict,
};

struct Error {
    Error() = default;
    Error(QString message_, QString file_ = {}, int line_ = 0, int column_ = 0)
        : message(std::move(message_)), file(std::move(file_)), line(line_), column(column_)
    {
    }

    QString message;
    QString file; // the input the error is about; empty when there is none
    int line = 0; // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    ErrorKind kind = ErrorKind::Failed;

    // "file:line:column: message", leaving out the parts that are unknown.
    QString toString() const
    {
        QString where = file;
        if (line > 0) {
            where += QStringLiteral(":%1").arg(line);
            if (column > 0)
                where += QStringLiteral(":%1").arg(column);
        }
        return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
    }
};

template<typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<T>(m_state); }
    const T &value() const { return std::get<T>(m_state); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For operations that return nothing but may fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace bulkhead
