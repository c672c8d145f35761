// SPDX-License-Identifier: GPL-3.0-or-later
// The German translation is complete and keeps every placeholder of its source.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void germanIsCompleteAndKeepsPlaceholders()
    {
        QFile ts(QString::fromLocal8Bit(qgetenv("TINYML_SOURCE_DIR")) + QStringLiteral("/translations/tinyml_de.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QString source;
        QStringList translations;
        bool unfinished = false;
        const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
        auto placeholders = [&](const QString &text) {
            QStringList found;
            for (auto it = placeholder.globalMatch(text); it.hasNext();)
                found << it.next().captured(0);
            found.sort();
            found.removeDuplicates();
            return found;
        };
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("message")) {
                source.clear();
                translations.clear();
                unfinished = false;
            } else if (xml.isStartElement() && xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.isStartElement() && xml.name() == QLatin1String("translation")) {
                unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished")
                             || xml.attributes().value(QLatin1String("type")) == QLatin1String("obsolete");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                translations << text;
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                ++messages;
                QVERIFY2(!unfinished && !translations.isEmpty() && !translations.first().trimmed().isEmpty(),
                         qPrintable(QStringLiteral("untranslated: ") + source));
                QCOMPARE(placeholders(translations.first()), placeholders(source));
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 400);
    }

    /// Every tr() string of the sources is in the .ts file, and no string that left the
    /// sources lingers there: lupdate, run on a copy, must find nothing to change.
    void translationFileIsCurrent()
    {
        const QString root = QString::fromLocal8Bit(qgetenv("TINYML_SOURCE_DIR"));
        const QString lupdate = QString::fromLocal8Bit(qgetenv("TINYML_LUPDATE"));
        QVERIFY2(!lupdate.isEmpty(), "TINYML_LUPDATE is not set");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString committed = root + QStringLiteral("/translations/tinyml_de.ts");
        const QString copy = dir.filePath(QStringLiteral("tinyml_de.ts"));
        QVERIFY(QFile::copy(committed, copy));
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                            QStringLiteral("-I"), root, root + QStringLiteral("/ui"), root + QStringLiteral("/app"),
                            QStringLiteral("-ts"), copy});
        QVERIFY(run.waitForFinished(120000));
        QCOMPARE(run.exitCode(), 0);
        QFile before(committed), after(copy);
        QVERIFY(before.open(QIODevice::ReadOnly));
        QVERIFY(after.open(QIODevice::ReadOnly));
        QVERIFY2(before.readAll() == after.readAll(),
                 "translations/tinyml_de.ts is out of date: run the update_translations target and "
                 "translate the new strings");
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
