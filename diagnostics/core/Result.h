#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace xr {

/// A user-facing error: a translated message plus an optional machine-readable code.
struct Error
{
    QString message;
    QString code;
};

/// Either a value or an Error. Errors are values in XenRescue: no exceptions cross a
/// module boundary. [[nodiscard]]: a result that is dropped is a compile error (-Werror),
/// so no fallible call on a safety path goes unchecked.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(Error error)
        : m_error(std::move(error))
    {}

    static Result failure(QString message, QString code = {})
    {
        return Result(Error{std::move(message), std::move(code)});
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    const T& operator*() const { return *m_value; }

    const Error& error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/// A fallible call that gives nothing back but success: Result<void>::success() or an Error.
template <>
class [[nodiscard]] Result<void>
{
public:
    Result(Error error)
        : m_ok(false)
        , m_error(std::move(error))
    {}

    static Result success() { return Result(); }
    static Result failure(QString message, QString code = {})
    {
        return Result(Error{std::move(message), std::move(code)});
    }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    Result() = default;
    bool m_ok = true;
    Error m_error;
};

} // namespace xr
