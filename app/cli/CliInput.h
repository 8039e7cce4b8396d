#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace xr {

/// Reads FILE, or standard input for "-". nullopt with `error` set when it cannot be read.
std::optional<QByteArray> readCliInput(const QString& path, QString& error);

} // namespace xr
