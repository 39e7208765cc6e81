// German: the widget's words (src/ui/strings.ts), loaded when an element asks for de.
import type { Strings } from '../strings.js';

const de: Strings = {
  starting: 'Alles wird vorbereitet…',
  waitingForToken: 'Warten, bis die Verifizierung eingerichtet ist…',
  elsewhere: {
    heading: 'In einem anderen Tab geöffnet',
    lead: 'Diese Verifizierung ist in einem anderen Tab oder Fenster dieses Browsers geöffnet. Schließen Sie sie dort ab oder fahren Sie stattdessen hier fort.',
    continueHere: 'Hier fortfahren',
  },
  intro: {
    heading: 'Bestätigen Sie Ihre Identität',
    lead: (documents) => `Das dauert etwa zwei Minuten. Sie benötigen ${documents}.`,
    documents: {
      passport: 'Ihren Reisepass',
      drivers_license: 'Ihren Führerschein',
      national_id: 'Ihren Personalausweis',
      residence_permit: 'Ihren Aufenthaltstitel',
    },
    steps: [
      'Wählen Sie Ihr Dokument aus',
      'Fotografieren Sie jede Seite oder laden Sie ein Foto davon hoch',
      'Wir prüfen es und teilen Ihnen das Ergebnis mit',
    ],
    collectedHeading: 'Welche Daten wir erfassen',
    collected: [
      'Fotos Ihres Dokuments, die zur Verifizierung sicher an Beltic übermittelt werden.',
      'Wie Sie dieses Formular nutzen (Zeiten und Anzahlen, niemals Ihre Eingaben) sowie grundlegende Angaben zu Ihrem Gerät, um Sie vor Betrug zu schützen.',
    ],
    consent: 'Ich bin damit einverstanden, diese Daten zur Identitätsprüfung weiterzugeben.',
    start: 'Starten',
  },
  document: {
    heading: 'Welches Dokument möchten Sie verwenden?',
    typeLabel: 'Dokumentart',
    countryLabel: 'Ausstellungsland',
    types: {
      passport: 'Reisepass',
      drivers_license: 'Führerschein',
      national_id: 'Personalausweis',
      residence_permit: 'Aufenthaltstitel',
    },
    countryHint: 'Geben Sie einen Suchbegriff ein und wählen Sie dann ein Land aus der Liste.',
    countryNoMatch: 'Kein passendes Land gefunden.',
    countryMatches: (count) => (count === 1 ? '1 Land gefunden' : `${count} Länder gefunden`),
    countryInvalid: 'Bitte wählen Sie ein Land aus der Liste.',
    continue: 'Weiter',
  },
  capture: {
    headings: {
      passport: { photo_page: 'Fotoseite Ihres Reisepasses' },
      drivers_license: { front: 'Vorderseite Ihres Führerscheins', back: 'Rückseite Ihres Führerscheins' },
      national_id: { front: 'Vorderseite Ihres Personalausweises', back: 'Rückseite Ihres Personalausweises' },
      residence_permit: { front: 'Vorderseite Ihres Aufenthaltstitels', back: 'Rückseite Ihres Aufenthaltstitels' },
    },
    hint: {
      front: 'Legen Sie das Dokument auf eine dunkle, ebene Fläche. Achten Sie darauf, dass alle vier Ecken sichtbar sind und nichts spiegelt.',
      back: 'Jetzt die Rückseite. Achten Sie darauf, dass der Barcode scharf und vollständig zu sehen ist.',
      portrait: 'Nehmen Sie ein deutliches Foto Ihres Gesichts auf.',
    },
    chooseFile: 'Foto auswählen',
    dropHere: 'oder hier ablegen (JPEG, PNG oder WebP)',
    formats: 'JPEG, PNG oder WebP',
    preparing: 'Ihr Foto wird vorbereitet…',
    retry: {
      heading: { onePhoto: 'Bitte nehmen Sie das Foto erneut auf', photos: 'Bitte nehmen Sie die Fotos erneut auf' },
      tryAgain: 'Erneut versuchen',
    },
    camera: {
      viewfinder: 'Kamera',
      starting: 'Kamera wird gestartet…',
      shutter: 'Foto aufnehmen',
      uploadInstead: 'Stattdessen ein Foto hochladen',
      tryAgain: 'Kamera erneut versuchen',
      problems: {
        denied:
          'Der Kamerazugriff ist blockiert. Um die Kamera zu nutzen, erlauben Sie den Zugriff in den Browsereinstellungen für diese Website und versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
        absent: 'Auf diesem Gerät wurde keine Kamera gefunden. Bitte laden Sie stattdessen ein Foto hoch.',
        busy: 'Ihre Kamera wird von einer anderen App verwendet. Schließen Sie diese App und versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
        lost: 'Die Kamera funktioniert nicht mehr. Versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
        failed: 'Die Kamera konnte nicht gestartet werden. Versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
      },
      guidance: {
        dark: 'Zu dunkel. Gehen Sie an einen helleren Ort.',
        glare: 'Spiegelung auf dem Dokument. Neigen Sie es leicht oder entfernen Sie sich etwas von der Lichtquelle.',
        moving: 'Bitte still halten.',
        blurry: 'Das Bild ist unscharf. Halten Sie das Gerät ruhig, damit die Kamera scharf stellen kann.',
        far: 'Gehen Sie näher heran, damit das Dokument den Rahmen ausfüllt.',
        not_whole: 'Halten Sie die Karte etwas weiter weg, damit alle vier Ecken im Rahmen sind.',
        wrong_side_front: 'Das scheint die Rückseite Ihrer Karte zu sein. Bitte zeigen Sie die Vorderseite.',
        no_barcode: 'Wir finden den Barcode nicht. Ist das die Rückseite Ihrer Karte?',
        reading_barcode: 'Barcode wird gelesen… Halten Sie ihn im Rahmen.',
      },
      holdStill: 'Bitte still halten…',
      takenAutomatically: 'Foto automatisch aufgenommen.',
      taken: 'Foto aufgenommen.',
      notTaken: 'Das Foto konnte nicht aufgenommen werden. Bitte drücken Sie erneut.',
      weRead: (name, expiry) => (expiry ? `Erkannt: ${name}, gültig bis ${expiry}.` : `Erkannt: ${name}.`),
      expired: 'Dieses Dokument scheint abgelaufen zu sein. Wenn Sie ein gültiges Dokument haben, verwenden Sie bitte dieses.',
    },
  },
  precheck: {
    heading: 'Bitte nehmen Sie dieses Foto erneut auf',
    problems: {
      too_small:
        'Dieses Foto ist zu klein, um Ihr Dokument zu lesen. Nehmen Sie es erneut auf, sodass das Dokument den größten Teil des Bildes ausfüllt, oder wählen Sie ein größeres Foto.',
      no_document:
        'Auf diesem Foto ist kein vollständiges Dokument zu sehen. Legen Sie das ganze Dokument auf eine einfarbige Fläche, die sich deutlich davon abhebt, und nehmen Sie das Foto erneut auf.',
      cut_off: 'Ein Teil Ihres Dokuments ist abgeschnitten. Achten Sie darauf, dass alle vier Ecken auf dem Foto sind.',
      blurry: 'Dieses Foto ist unscharf. Halten Sie die Kamera ruhig und lassen Sie sie scharf stellen, bevor Sie das Foto aufnehmen.',
      barcode_unreadable:
        'Wir können den Barcode auf der Rückseite nicht lesen. Achten Sie darauf, dass er scharf, frei von Spiegelungen und vollständig auf dem Foto ist.',
    },
    cameraTooSmall:
      'Diese Kamera nimmt zu kleine Bilder auf, um Ihr Dokument zu lesen. Bitte laden Sie stattdessen ein Foto hoch, das mit einer anderen Kamera aufgenommen wurde.',
    anywayLead: 'Wenn Sie sicher sind, dass dieses Foto Ihr ganzes Dokument deutlich zeigt, können Sie es trotzdem verwenden.',
    useAnyway: 'Dieses Foto trotzdem verwenden',
  },
  review: {
    heading: { photo_page: 'Fotoseite prüfen', front: 'Vorderseite prüfen', back: 'Rückseite prüfen', portrait: 'Porträtfoto prüfen' },
    question: 'Ist das ganze Dokument sichtbar, scharf und frei von Spiegelungen?',
    use: 'Dieses Foto verwenden',
    retake: 'Neu aufnehmen',
    imageAlt: {
      photo_page: 'Ihr Foto der Fotoseite',
      front: 'Ihr Foto der Vorderseite',
      back: 'Ihr Foto der Rückseite',
      portrait: 'Ihr Porträtfoto',
    },
  },
  uploading: {
    heading: 'Ihre Fotos werden gesendet',
    progress: {
      photo_page: (percent) => `Fotoseite wird gesendet: ${percent}\u00a0%`,
      front: (percent) => `Vorderseite wird gesendet: ${percent}\u00a0%`,
      back: (percent) => `Rückseite wird gesendet: ${percent}\u00a0%`,
      portrait: (percent) => `Porträtfoto wird gesendet: ${percent}\u00a0%`,
    },
    done: {
      photo_page: 'Die Fotoseite wurde gesendet',
      front: 'Die Vorderseite wurde gesendet',
      back: 'Die Rückseite wurde gesendet',
      portrait: 'Das Porträtfoto wurde gesendet',
    },
  },
  verifying: { heading: 'Ihr Dokument wird geprüft', lead: 'Das dauert in der Regel nur wenige Sekunden. Bitte lassen Sie diese Seite geöffnet.' },
  result: {
    passed: { heading: 'Sie sind verifiziert', lead: 'Vielen Dank. Sie können fortfahren.' },
    review: {
      heading: 'Wir prüfen Ihr Dokument',
      lead: 'Eine Person prüft es in Kürze. Wir teilen Ihnen das Ergebnis mit; Sie können diese Seite schließen.',
    },
    failed: {
      heading: 'Wir konnten Ihr Dokument nicht verifizieren',
      lead: 'Bitte wenden Sie sich an den Dienst, der Sie um die Verifizierung gebeten hat, um zu erfahren, wie es weitergeht.',
    },
    expired: {
      heading: 'Diese Verifizierung ist abgelaufen',
      lead: 'Bitte kehren Sie zu dem Dienst zurück, der Sie hierher geschickt hat, um eine neue zu beginnen.',
    },
    cancelled: {
      heading: 'Verifizierung abgebrochen',
      lead: 'Auf diesem Gerät wurde nichts gespeichert. Sie können neu beginnen, sobald Sie bereit sind.',
    },
  },
  failedBecause: {
    tooManyAttempts: 'Wir konnten Ihr Dokument auch nach mehreren Versuchen nicht lesen.',
  },
  continue: 'Weiter',
  stepOf: (step, total) => `Schritt ${step} von ${total}`,
  cancelConfirm: {
    heading: 'Verifizierung abbrechen?',
    lead: 'Ihr bisheriger Fortschritt wird nicht gespeichert.',
    confirm: 'Ja, abbrechen',
    keepGoing: 'Weitermachen',
  },
  reasons: {
    photo_unclear: {
      any: 'Wir konnten Ihr Dokument nicht deutlich genug erkennen. Halten Sie es bei gutem Licht ruhig und versuchen Sie es erneut.',
      photo_page: 'Das Foto der Fotoseite war nicht deutlich genug. Halten Sie den Reisepass bei gutem Licht ruhig und nehmen Sie das Foto erneut auf.',
      front: 'Das Foto der Vorderseite war nicht deutlich genug. Halten Sie das Dokument bei gutem Licht ruhig und nehmen Sie das Foto erneut auf.',
      back: 'Das Foto der Rückseite war nicht deutlich genug. Halten Sie das Dokument bei gutem Licht ruhig und nehmen Sie das Foto erneut auf.',
    },
    image_readable: {
      any: 'Wir konnten Ihr Foto nicht öffnen. Bitte nehmen Sie es erneut auf oder wählen Sie ein Bild im Format JPEG, PNG oder WebP.',
      photo_page: 'Wir konnten das Foto der Fotoseite nicht öffnen. Bitte nehmen Sie es erneut auf oder wählen Sie ein Bild im Format JPEG, PNG oder WebP.',
      front: 'Wir konnten das Foto der Vorderseite nicht öffnen. Bitte nehmen Sie es erneut auf oder wählen Sie ein Bild im Format JPEG, PNG oder WebP.',
      back: 'Wir konnten das Foto der Rückseite nicht öffnen. Bitte nehmen Sie es erneut auf oder wählen Sie ein Bild im Format JPEG, PNG oder WebP.',
    },
    image_resolution: {
      any: 'Ihr Dokument ist auf dem Foto zu klein, um gelesen zu werden. Gehen Sie näher heran, damit es den Rahmen ausfüllt.',
      photo_page: 'Die Fotoseite ist auf dem Foto zu klein, um gelesen zu werden. Gehen Sie näher heran, damit die Seite den Rahmen ausfüllt.',
      front: 'Die Vorderseite ist auf dem Foto zu klein, um gelesen zu werden. Gehen Sie näher heran, damit das Dokument den Rahmen ausfüllt.',
      back: 'Die Rückseite ist auf dem Foto zu klein, um gelesen zu werden. Gehen Sie näher heran, damit das Dokument den Rahmen ausfüllt.',
    },
    document_visible: {
      any: 'Wir konnten Ihr Dokument auf dem Foto nicht finden. Legen Sie das ganze Dokument in den Rahmen, auf eine einfarbige Fläche in einer anderen Farbe.',
      photo_page:
        'Wir konnten die Fotoseite auf dem Foto nicht finden. Legen Sie den ganzen aufgeschlagenen Reisepass in den Rahmen, auf eine einfarbige Fläche in einer anderen Farbe.',
      front:
        'Wir konnten die Vorderseite Ihres Dokuments auf dem Foto nicht finden. Legen Sie das ganze Dokument in den Rahmen, auf eine einfarbige Fläche in einer anderen Farbe.',
      back: 'Wir konnten die Rückseite Ihres Dokuments auf dem Foto nicht finden. Legen Sie das ganze Dokument in den Rahmen, auf eine einfarbige Fläche in einer anderen Farbe.',
    },
    barcode_readable:
      'Wir konnten den Barcode auf der Rückseite nicht lesen. Nehmen Sie das Foto der Rückseite bei gutem Licht erneut auf, sodass der ganze Barcode scharf und im Rahmen ist.',
    document_consistent:
      'Das Dokument auf Ihren Fotos passt nicht zu dem Dokument oder dem Land, das Sie ausgewählt haben. Fotografieren Sie das ausgewählte Dokument, oder gehen Sie zurück und wählen Sie das Dokument aus, das Sie haben.',
    document_not_expired: 'Ihr Dokument scheint abgelaufen zu sein. Bitte verwenden Sie ein Dokument, das noch gültig ist.',
  },
  back: 'Zurück',
  cancel: 'Abbrechen',
  tryAgain: 'Erneut versuchen',
  startOver: 'Neu beginnen',
  errors: {
    fallback: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    network: 'Sie scheinen offline zu sein. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    server: 'Bei unserem Dienst gibt es gerade Probleme. Bitte versuchen Sie es gleich noch einmal.',
    rate_limited: 'Zu viele Versuche auf einmal. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
    token_refresh_failed: 'Ihre sichere Verbindung zum Dienst muss erneuert werden, und das hat gerade nicht funktioniert. Bitte versuchen Sie es erneut.',
    malformed_response: 'Wir haben eine unerwartete Antwort erhalten. Bitte versuchen Sie es erneut.',
    unauthorized:
      'Dieser Verifizierungslink ist nicht mehr gültig. Bitte laden Sie die Seite neu oder beginnen Sie erneut bei dem Dienst, der Sie hierher geschickt hat.',
    forbidden: 'Dieser Verifizierungslink ist nicht mehr gültig. Bitte beginnen Sie erneut bei dem Dienst, der Sie hierher geschickt hat.',
    not_found: 'Diese Verifizierung wurde nicht gefunden. Bitte beginnen Sie erneut bei dem Dienst, der Sie hierher geschickt hat.',
    unsupported_type: 'Diese Datei ist kein Foto, das wir verwenden können. Bitte wählen Sie ein Bild im Format JPEG, PNG oder WebP.',
    unsupported_heic:
      'Dieses Foto liegt im HEIC-Format vor, das dieser Browser nicht öffnen kann. Bitte nehmen Sie das Foto hier mit der Kamera auf oder wählen Sie ein JPEG oder PNG. Auf einem iPhone werden neue Fotos als JPEG gespeichert, wenn Sie unter Einstellungen › Kamera › Formate „Maximale Kompatibilität“ wählen.',
    unreadable_image: 'Dieses Foto konnte nicht geöffnet werden. Bitte wählen Sie ein anderes.',
    image_lost: 'Das Foto ist nicht mehr auf diesem Gerät. Bitte nehmen Sie es erneut auf.',
    upload_failed: 'Ihr Foto konnte nicht gesendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    upload_rejected: 'Ihr Foto wurde vom Server abgelehnt. Bitte nehmen Sie es erneut auf.',
    verification_timeout: 'Die Prüfung dauert länger als üblich. Bitte versuchen Sie es erneut.',
    secret_key: 'Diese Seite ist falsch eingerichtet (dem Browser wurde ein geheimer Schlüssel übergeben). Bitte wenden Sie sich an den Dienst.',
    missing_config: 'Diese Seite ist falsch eingerichtet (keine API-Adresse oder kein Token). Bitte wenden Sie sich an den Dienst.',
    session_mismatch: 'Diese Seite ist falsch eingerichtet (die Verifizierung und ihr Token passen nicht zusammen). Bitte wenden Sie sich an den Dienst.',
  },
};

export default de;
