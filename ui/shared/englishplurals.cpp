// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/englishplurals.h"

namespace tinyml::ui {

QString EnglishPlurals::resolve(const QString &sourceText, int n)
{
    if (n < 0)
        return sourceText;
    QString text = sourceText;
    text.replace(QStringLiteral("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    return text;
}

QString EnglishPlurals::translate(const char *, const char *sourceText, const char *, int n) const
{
    if (n < 0 || !sourceText)
        return {};
    const QString source = QString::fromUtf8(sourceText);
    if (!source.contains(QStringLiteral("(s)")))
        return {};
    return resolve(source, n);
}

} // namespace tinyml::ui
