// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/storedvalue.h"

#include <QMutex>
#include <QSet>
#include <QSettings>
#include <QtDebug>

#include <cmath>

namespace tinyml::ui {

namespace {

/// A value as it was found, short enough for one line.
QString shown(const QVariant &value)
{
    QString text = value.toString();
    if (text.isEmpty() && value.isValid())
        text = QString::fromLatin1(value.typeName());
    return text.size() > 40 ? text.left(40) + QStringLiteral("…") : text;
}

/// The number a stored value holds: a number, or text that reads as one.
std::optional<double> numberOf(const QVariant &value)
{
    bool ok = false;
    double v = 0.0;
    if (value.typeId() == QMetaType::QString)
        v = value.toString().trimmed().toDouble(&ok);
    else if (value.canConvert<double>())
        v = value.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

} // namespace

QString settings::source()
{
    return QStringLiteral("Settings ") + QSettings().fileName();
}

StoredValues::StoredValues(QString source) : m_source(std::move(source)) {}

StoredValues::~StoredValues()
{
    if (m_replaced.isEmpty())
        return;
    const QString line = QStringLiteral("%1: out of range, the default is used for %2")
                             .arg(m_source, m_replaced.join(QStringLiteral(", ")));
    // A value read again and again (the language, by every panel) is reported once.
    static QMutex lock;
    static QSet<QString> reported;
    {
        const QMutexLocker locker(&lock);
        if (reported.contains(line))
            return;
        reported.insert(line);
    }
    qWarning().noquote() << line;
}

double
StoredValues::real(const QVariant &value, double low, double high, double fallback, const char *key)
{
    if (!value.isValid() || value.isNull())
        return fallback;
    const auto v = numberOf(value);
    if (v && std::isfinite(*v) && *v >= low && *v <= high)
        return *v;
    replaced(key, shown(value));
    return fallback;
}

qint64 StoredValues::integer(
    const QVariant &value, qint64 low, qint64 high, qint64 fallback, const char *key)
{
    if (!value.isValid() || value.isNull())
        return fallback;
    const auto v = numberOf(value);
    if (v && std::isfinite(*v) && std::floor(*v) == *v && *v >= double(low) && *v <= double(high))
        return qint64(*v);
    replaced(key, shown(value));
    return fallback;
}

QString StoredValues::choice(const QVariant &value,
                             const QStringList &allowed,
                             const QString &fallback,
                             const char *key)
{
    if (!value.isValid() || value.isNull())
        return fallback;
    const QString text = value.toString();
    if (value.typeId() == QMetaType::QString && allowed.contains(text))
        return text;
    replaced(key, shown(value));
    return fallback;
}

void StoredValues::replaced(const char *key, const QString &found)
{
    m_replaced << QStringLiteral("%1 = %2").arg(QLatin1String(key), found);
}

namespace settings {

double textScale()
{
    StoredValues check(source());
    return check.real(QSettings().value(QStringLiteral("ui/textScale")), kMinTextScale,
                      kMaxTextScale, 1.0, "ui/textScale");
}

QString language()
{
    StoredValues check(source());
    return check.choice(QSettings().value(QStringLiteral("ui/language")),
                        {QString(), QStringLiteral("en"), QStringLiteral("de")}, QString(),
                        "ui/language");
}

int tab(int tabs, int fallback)
{
    StoredValues check(source());
    return int(check.integer(QSettings().value(QStringLiteral("window/tab")), 0, tabs - 1, fallback,
                             "window/tab"));
}

} // namespace settings

} // namespace tinyml::ui
