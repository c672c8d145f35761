// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace tinyml::ui {

/// Values the studio reads back from its own settings and files are input like any other: a
/// hand-edited or damaged settings file must never crash the studio or make it allocate
/// gigabytes. A StoredValues checks the values of one source (the settings, one run of
/// runs.json): each one missing gives its default silently, each one out of range or of the
/// wrong kind gives its default and is remembered; when the StoredValues ends, one qWarning line
/// names the source and every value replaced.
class StoredValues
{
public:
    /// source: where the values come from, for the warning ("settings", "runs.json, run 1a2b").
    explicit StoredValues(QString source);
    ~StoredValues();
    StoredValues(const StoredValues &) = delete;
    StoredValues &operator=(const StoredValues &) = delete;

    /// A finite number within [low, high]; an invalid value (no value) gives fallback silently.
    double real(const QVariant &value, double low, double high, double fallback, const char *key);
    /// A whole number within [low, high], given as a number or as text ("12").
    qint64
    integer(const QVariant &value, qint64 low, qint64 high, qint64 fallback, const char *key);
    /// One of the allowed texts.
    QString choice(const QVariant &value,
                   const QStringList &allowed,
                   const QString &fallback,
                   const char *key);
    /// Records a replacement decided by the caller.
    void replaced(const char *key, const QString &found);

    /// The values replaced so far, as "key = value" texts.
    const QStringList &replacements() const { return m_replaced; }

private:
    QString m_source;
    QStringList m_replaced;
};

/// The settings the studio reads at start, each range-checked (StoredValues) against the
/// QSettings of the running application.
namespace settings {
/// "Settings <file>": the source named in warnings about the settings.
QString source();
/// ui/textScale: the text size factor, 0.6 to 3 (1 when missing or out of range).
inline constexpr double kMinTextScale = 0.6;
inline constexpr double kMaxTextScale = 3.0;
double textScale();
/// ui/language: "" (the system's), "en" or "de".
QString language();
/// window/tab: a tab index from 0 to tabs - 1 (fallback when missing or out of range).
int tab(int tabs, int fallback);
} // namespace settings

} // namespace tinyml::ui
