// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/error.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <exception>

namespace tinyml::ui {

/// Turns engine errors into sentences in the user's language. Safe to call on any thread.
///
/// The one style of ui/ for engine errors: catch core::Error (std::exception on worker threads),
/// turn it into text with errorText(e) where it is caught, never show what() (English, for the
/// CLI and logs). A file the user chose to open or save reports failure in a
/// QMessageBox::warning; a panel's own computation reports it in the panel's message line.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    /// The translated sentence for code and args; numbers formatted by locale.
    static QString
    text(core::ErrorCode code, const core::ErrorArgs &args, const QLocale &locale = QLocale());

    /// The translated name of a setting or stored value ("Lernrate").
    static QString fieldName(core::ErrorField field);

    /// The translated reason for an operating system error number, or empty if not known.
    static QString systemReason(int errorNumber);
};

/// The user's-language text of an engine error (its code and arguments, not its what()).
QString errorText(const core::Error &error, const QLocale &locale = QLocale());

/// The text of anything caught in ui/: core::Error as above, running out of memory as a sentence,
/// anything else by its what().
QString errorText(const std::exception &error, const QLocale &locale = QLocale());

} // namespace tinyml::ui
