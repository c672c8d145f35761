// SPDX-License-Identifier: GPL-3.0-or-later
// TinyML Studio: the desktop application.

#include "uibenchmark.h"

#include "ui/mainwindow.h"

#include <Eigen/Core>

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // Training takes one core, the window keeps the other. With two engine threads the window's
    // own work stalls Eigen's spinning OpenMP threads (measured: 0.39 s per epoch instead of
    // 0.245 s with one; `tinyml-studio --benchmark-ui` measures it).
    Eigen::setNbThreads(1);
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

    const QStringList args = QApplication::arguments();
    if (args.contains(QStringLiteral("--benchmark-drawing")))
        return tinyml::app::runDrawingBenchmark();
    if (const auto at = args.indexOf(QStringLiteral("--benchmark-ui")); at >= 0)
        return tinyml::app::runUiBenchmark(at + 1 < args.size() ? std::max(1, args[at + 1].toInt()) : 2);

    tinyml::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
