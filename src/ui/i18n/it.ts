// Italian: the widget's words (src/ui/strings.ts), loaded when an element asks for it.
import type { Strings } from '../strings.js';

const it: Strings = {
  starting: 'Preparazione in corso…',
  waitingForToken: 'In attesa che la verifica venga configurata…',
  elsewhere: {
    heading: 'Verifica aperta in un’altra scheda',
    lead: 'Questa verifica è aperta in un’altra scheda o finestra di questo browser. La completi lì, oppure prosegua qui.',
    continueHere: 'Continua qui',
  },
  intro: {
    heading: 'Verifica della sua identità',
    lead: (documents) => `Richiede circa due minuti. Le servirà ${documents}.`,
    documents: {
      passport: 'il suo passaporto',
      drivers_license: 'la sua patente di guida',
      national_id: 'la sua carta d’identità',
      residence_permit: 'il suo permesso di soggiorno',
    },
    steps: ['Scelga il documento', 'Scatti o carichi una foto di ogni lato', 'Lo verifichiamo e le comunichiamo l’esito'],
    collectedHeading: 'Quali dati raccogliamo',
    collected: [
      'Foto del suo documento, inviate in modo sicuro a Beltic per la verifica.',
      'Il modo in cui utilizza questo modulo (tempi e conteggi, mai ciò che digita) e informazioni di base sul suo dispositivo, per proteggerla dalle frodi.',
    ],
    consent: 'Acconsento a condividere questi dati per la verifica della mia identità.',
    start: 'Inizia',
  },
  document: {
    heading: 'Quale documento utilizzerà?',
    typeLabel: 'Tipo di documento',
    countryLabel: 'Paese di rilascio',
    types: {
      passport: 'Passaporto',
      drivers_license: 'Patente di guida',
      national_id: 'Carta d’identità',
      residence_permit: 'Permesso di soggiorno',
    },
    countryHint: 'Digiti per cercare, poi scelga un Paese dall’elenco.',
    countryNoMatch: 'Nessun Paese corrispondente.',
    countryMatches: (count) => (count === 1 ? '1 Paese trovato' : `${count} Paesi trovati`),
    countryInvalid: 'Scelga un Paese dall’elenco.',
    continue: 'Continua',
  },
  capture: {
    headings: {
      passport: { photo_page: 'Pagina con la foto del suo passaporto' },
      drivers_license: { front: 'Fronte della sua patente di guida', back: 'Retro della sua patente di guida' },
      national_id: { front: 'Fronte della sua carta d’identità', back: 'Retro della sua carta d’identità' },
      residence_permit: { front: 'Fronte del suo permesso di soggiorno', back: 'Retro del suo permesso di soggiorno' },
    },
    hint: {
      front: 'Appoggi il documento su una superficie scura e piana. Si assicuri che tutti e quattro gli angoli siano visibili e che non ci siano riflessi.',
      back: 'Ora il retro. Si assicuri che il codice a barre sia nitido e completamente visibile.',
      portrait: 'Scatti una foto nitida del suo viso.',
    },
    chooseFile: 'Scegli una foto',
    dropHere: 'oppure la trascini qui (JPEG, PNG o WebP)',
    formats: 'JPEG, PNG o WebP',
    preparing: 'Preparazione della foto…',
    retry: {
      heading: { onePhoto: 'Per favore, scatti di nuovo la foto', photos: 'Per favore, scatti di nuovo le foto' },
      tryAgain: 'Riprova',
    },
    camera: {
      viewfinder: 'Fotocamera',
      starting: 'Avvio della fotocamera…',
      shutter: 'Scatta la foto',
      uploadInstead: 'Carica invece una foto',
      tryAgain: 'Riprova con la fotocamera',
      problems: {
        denied:
          'L’accesso alla fotocamera è bloccato. Per usare la fotocamera, consenta l’accesso nelle impostazioni del browser per questo sito e riprovi, oppure carichi una foto.',
        absent: 'Non è stata trovata alcuna fotocamera su questo dispositivo. Carichi invece una foto.',
        busy: 'La fotocamera è in uso da parte di un’altra app. Chiuda quell’app e riprovi, oppure carichi una foto.',
        lost: 'La fotocamera ha smesso di funzionare. Riprovi, oppure carichi una foto.',
        failed: 'Non è stato possibile avviare la fotocamera. Riprovi, oppure carichi una foto.',
      },
      guidance: {
        dark: 'Troppo buio. Si sposti in un luogo più luminoso.',
        glare: 'Riflessi sul documento. Lo inclini leggermente o si allontani dalla luce.',
        moving: 'Non si muova.',
        blurry: 'L’immagine è sfocata. Non si muova, così la fotocamera può mettere a fuoco.',
        far: 'Si avvicini, in modo che il documento riempia l’inquadratura.',
        not_whole: 'Allontani un po’ il documento, in modo che tutti e quattro gli angoli siano nell’inquadratura.',
        wrong_side_front: 'Questo sembra il retro del documento. Per favore, mostri il fronte.',
        no_barcode: 'Non troviamo il codice a barre. È il retro del documento?',
        reading_barcode: 'Lettura del codice a barre… lo tenga dentro l’inquadratura.',
      },
      holdStill: 'Non si muova…',
      takenAutomatically: 'Foto scattata automaticamente.',
      taken: 'Foto scattata.',
      notTaken: 'Non è stato possibile scattare la foto. Prema di nuovo, per favore.',
      weRead: (name, expiry) => (expiry ? `Abbiamo letto: ${name}, scadenza ${expiry}.` : `Abbiamo letto: ${name}.`),
      expired: 'Questo documento sembra scaduto. Se ne ha uno valido, lo utilizzi al suo posto.',
    },
  },
  precheck: {
    heading: 'Per favore, scatti di nuovo questa foto',
    problems: {
      too_small:
        'Questa foto è troppo piccola per leggere il documento. La scatti di nuovo con il documento che occupa gran parte dell’immagine, oppure scelga una foto più grande.',
      no_document:
        'In questa foto non vediamo un documento intero. Lo appoggi per intero su una superficie uniforme che contrasti con il documento e scatti di nuovo la foto.',
      cut_off: 'Una parte del documento è tagliata. Si assicuri che tutti e quattro gli angoli siano nella foto.',
      blurry: 'Questa foto è sfocata. Tenga ferma la fotocamera e attenda che metta a fuoco prima di scattare.',
      barcode_unreadable: 'Non riusciamo a leggere il codice a barre sul retro. Si assicuri che sia nitido, senza riflessi e interamente nella foto.',
    },
    cameraTooSmall: 'Questa fotocamera scatta immagini troppo piccole per leggere il documento. Carichi invece una foto scattata con un’altra fotocamera.',
    anywayLead: 'Se ha la certezza che questa foto mostri chiaramente l’intero documento, può usarla comunque.',
    useAnyway: 'Usa comunque questa foto',
  },
  review: {
    heading: {
      photo_page: 'Controlli la pagina con la foto',
      front: 'Controlli il fronte',
      back: 'Controlli il retro',
      portrait: 'Controlli il ritratto',
    },
    question: 'Il documento è interamente visibile, nitido e senza riflessi?',
    use: 'Usa questa foto',
    retake: 'Scatta di nuovo',
    imageAlt: {
      photo_page: 'La sua immagine della pagina con la foto',
      front: 'La sua foto del fronte',
      back: 'La sua foto del retro',
      portrait: 'La sua foto ritratto',
    },
  },
  uploading: {
    heading: 'Invio delle foto in corso',
    progress: {
      photo_page: (percent) => `Invio della pagina con la foto: ${percent}%`,
      front: (percent) => `Invio del fronte: ${percent}%`,
      back: (percent) => `Invio del retro: ${percent}%`,
      portrait: (percent) => `Invio del ritratto: ${percent}%`,
    },
    done: { photo_page: 'Pagina con la foto inviata', front: 'Fronte inviato', back: 'Retro inviato', portrait: 'Ritratto inviato' },
  },
  verifying: { heading: 'Verifica del documento in corso', lead: 'Di solito richiede pochi secondi. Tenga aperta questa pagina.' },
  result: {
    passed: { heading: 'La sua identità è stata verificata', lead: 'Grazie. Può continuare.' },
    review: {
      heading: 'Stiamo esaminando il suo documento',
      lead: 'Una persona lo controllerà a breve. Le comunicheremo l’esito; può chiudere questa pagina.',
    },
    failed: {
      heading: 'Non è stato possibile verificare il suo documento',
      lead: 'Contatti il servizio che le ha chiesto la verifica per sapere come procedere.',
    },
    expired: { heading: 'Questa verifica è scaduta', lead: 'Torni al servizio di provenienza per avviarne una nuova.' },
    cancelled: { heading: 'Verifica annullata', lead: 'Su questo dispositivo non è stato conservato nulla. Può ricominciare quando vuole.' },
  },
  failedBecause: {
    tooManyAttempts: 'Non è stato possibile leggere il suo documento dopo diversi tentativi.',
  },
  continue: 'Continua',
  stepOf: (step, total) => `Passaggio ${step} di ${total}`,
  cancelConfirm: {
    heading: 'Annullare la verifica?',
    lead: 'Quanto fatto finora non verrà conservato.',
    confirm: 'Sì, annulla',
    keepGoing: 'Continua la verifica',
  },
  reasons: {
    photo_unclear: {
      any: 'Non è stato possibile vedere il suo documento con sufficiente chiarezza. Lo tenga fermo, con una buona illuminazione, e riprovi.',
      photo_page:
        'L’immagine della pagina con la foto non era abbastanza nitida. Tenga fermo il passaporto, con una buona illuminazione, e la scatti di nuovo.',
      front: 'La foto del fronte non era abbastanza nitida. Tenga fermo il documento, con una buona illuminazione, e la scatti di nuovo.',
      back: 'La foto del retro non era abbastanza nitida. Tenga fermo il documento, con una buona illuminazione, e la scatti di nuovo.',
    },
    image_readable: {
      any: 'Non è stato possibile aprire la sua foto. La scatti di nuovo oppure scelga un’immagine JPEG, PNG o WebP.',
      photo_page: 'Non è stato possibile aprire l’immagine della pagina con la foto. La scatti di nuovo oppure scelga un’immagine JPEG, PNG o WebP.',
      front: 'Non è stato possibile aprire la foto del fronte. La scatti di nuovo oppure scelga un’immagine JPEG, PNG o WebP.',
      back: 'Non è stato possibile aprire la foto del retro. La scatti di nuovo oppure scelga un’immagine JPEG, PNG o WebP.',
    },
    image_resolution: {
      any: 'Nella foto il suo documento è troppo piccolo per essere letto. Si avvicini, in modo che riempia l’inquadratura.',
      photo_page: 'Nell’immagine la pagina con la foto è troppo piccola per essere letta. Si avvicini, in modo che la pagina riempia l’inquadratura.',
      front: 'Nella foto il fronte è troppo piccolo per essere letto. Si avvicini, in modo che il documento riempia l’inquadratura.',
      back: 'Nella foto il retro è troppo piccolo per essere letto. Si avvicini, in modo che il documento riempia l’inquadratura.',
    },
    document_visible: {
      any: 'Non abbiamo trovato il suo documento nella foto. Inquadri l’intero documento, su una superficie uniforme di un colore diverso.',
      photo_page:
        'Non abbiamo trovato la pagina con la foto nell’immagine. Inquadri l’intero passaporto aperto, su una superficie uniforme di un colore diverso.',
      front: 'Non abbiamo trovato il fronte del suo documento nella foto. Inquadri l’intero documento, su una superficie uniforme di un colore diverso.',
      back: 'Non abbiamo trovato il retro del suo documento nella foto. Inquadri l’intero documento, su una superficie uniforme di un colore diverso.',
    },
    barcode_readable:
      'Non è stato possibile leggere il codice a barre sul retro. Scatti di nuovo la foto del retro con una buona illuminazione, con l’intero codice a barre nitido e dentro l’inquadratura.',
    document_consistent:
      'Il documento nelle sue foto non corrisponde al documento o al Paese che ha scelto. Fotografi il documento che ha scelto, oppure torni indietro e scelga quello che ha.',
    document_not_expired: 'Il suo documento sembra scaduto. Ne utilizzi uno ancora valido.',
  },
  back: 'Indietro',
  cancel: 'Annulla',
  tryAgain: 'Riprova',
  startOver: 'Ricomincia',
  errors: {
    fallback: 'Si è verificato un errore. Riprovi.',
    network: 'Sembra che il dispositivo non sia connesso a Internet. Controlli la connessione e riprovi.',
    server: 'Il nostro servizio sta riscontrando problemi. Riprovi tra qualche istante.',
    rate_limited: 'Troppi tentativi contemporaneamente. Attenda un momento e riprovi.',
    token_refresh_failed: 'La connessione sicura al servizio deve essere rinnovata, ma al momento non è stato possibile farlo. Riprovi.',
    malformed_response: 'Abbiamo ricevuto una risposta inattesa. Riprovi.',
    unauthorized: 'Questo link di verifica non è più valido. Ricarichi la pagina oppure ricominci dal servizio di provenienza.',
    forbidden: 'Questo link di verifica non è più valido. Ricominci dal servizio di provenienza.',
    not_found: 'Questa verifica non è stata trovata. Ricominci dal servizio di provenienza.',
    unsupported_type: 'Questo file non è una foto utilizzabile. Scelga un’immagine JPEG, PNG o WebP.',
    unsupported_heic:
      'Questa foto è in formato HEIC, che questo browser non riesce ad aprire. Scatti la foto con la fotocamera qui, oppure scelga un’immagine JPEG o PNG. Su iPhone, scegliendo «Più compatibile» in Impostazioni › Fotocamera › Formati, le nuove foto vengono salvate in JPEG.',
    unreadable_image: 'Non è stato possibile aprire questa foto. Ne scelga un’altra.',
    image_lost: 'La foto non è più su questo dispositivo. La scatti di nuovo.',
    upload_failed: 'Non è stato possibile inviare la foto. Controlli la connessione e riprovi.',
    upload_rejected: 'La foto è stata rifiutata dal server. La scatti di nuovo.',
    verification_timeout: 'La verifica sta richiedendo più tempo del solito. Riprovi.',
    secret_key: 'Questa pagina non è configurata correttamente (al browser è stata fornita una chiave segreta). Contatti il servizio.',
    missing_config: 'Questa pagina non è configurata correttamente (mancano l’indirizzo dell’API o il token). Contatti il servizio.',
    session_mismatch: 'Questa pagina non è configurata correttamente (la verifica e il relativo token non corrispondono). Contatti il servizio.',
  },
};

export default it;
