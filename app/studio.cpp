// SPDX-License-Identifier: GPL-3.0-or-later
// TinyML Studio: the desktop application.

#include "uibenchmark.h"

#include "ui/mainwindow.h"

#include <Eigen/Core>

#include <QApplication>

#include <algorithm>
#include <thread>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // The engine uses every core, as `tinyml train` does; the charts redraw at most ten times a
    // second so that the window takes little from it (`tinyml-studio --benchmark-ui` measures
    // both). --threads N overrides, e.g. --threads 1 on a machine busy with other work.
    Eigen::setNbThreads(int(std::max(1u, std::thread::hardware_concurrency())));
    const QStringList arguments = QApplication::arguments();
    if (const auto at = arguments.indexOf(QStringLiteral("--threads")); at >= 0 && at + 1 < arguments.size())
        Eigen::setNbThreads(std::clamp(arguments[at + 1].toInt(), 1, 256));
    QApplication::setOrganizationName(QStringLiteral("TinyML Studio"));
    QApplication::setApplicationName(QStringLiteral("TinyML Studio"));
    QApplication::setApplicationVersion(QStringLiteral(TINYML_VERSION));

    // Language: the saved choice, else the system's.
    const QString saved = QSettings().value(QStringLiteral("ui/language")).toString();
    const QLocale locale = saved.isEmpty() ? QLocale::system() : QLocale(saved);
    QLocale::setDefault(locale); // numbers in messages follow the chosen language
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(locale, QStringLiteral("tinyml"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    const QStringList args = QApplication::arguments();
    if (args.contains(QStringLiteral("--benchmark-export")))
        return tinyml::app::runExportBenchmark();
    if (args.contains(QStringLiteral("--benchmark-dataset")))
        return tinyml::app::runDatasetBenchmark();
    if (args.contains(QStringLiteral("--benchmark-close")))
        return tinyml::app::runCloseBenchmark();
    if (args.contains(QStringLiteral("--benchmark-drawing")))
        return tinyml::app::runDrawingBenchmark();
    if (const auto at = args.indexOf(QStringLiteral("--benchmark-ui")); at >= 0)
        return tinyml::app::runUiBenchmark(at + 1 < args.size() ? std::max(1, args[at + 1].toInt()) : 2);

    tinyml::ui::applyTextScale(QSettings().value(QStringLiteral("ui/textScale"), 1.0).toDouble());
    tinyml::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
