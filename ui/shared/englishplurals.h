// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTranslator>

namespace tinyml::ui {

/// English without a translation file: a source text with a count (tr(…, nullptr, n), "%n")
/// marks its plural endings as "(s)" ("%n epoch(s)"); this translator writes "1 epoch" and
/// "2 epochs". It answers only texts with a count and a marker, so a real translation
/// installed after it (searched first) wins. Install it before the others.
class EnglishPlurals : public QTranslator
{
    Q_OBJECT

public:
    using QTranslator::QTranslator;

    QString translate(const char *context,
                      const char *sourceText,
                      const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override { return false; }

    /// sourceText with every "(s)" resolved for the count n (kept as is for n < 0).
    static QString resolve(const QString &sourceText, int n);
};

} // namespace tinyml::ui
