// SPDX-License-Identifier: GPL-3.0-or-later
// TinyML Studio: the desktop application.

#include "ui/mainwindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TinyML Studio"));
    QApplication::setApplicationName(QStringLiteral("TinyML Studio"));
    QApplication::setApplicationVersion(QStringLiteral(TINYML_VERSION));

    // Language: the saved choice, else the system's.
    const QString saved = QSettings().value(QStringLiteral("ui/language")).toString();
    const QLocale locale = saved.isEmpty() ? QLocale::system() : QLocale(saved);
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(locale, QStringLiteral("tinyml"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    tinyml::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
