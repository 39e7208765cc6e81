// Dutch: the widget's words (src/ui/strings.ts), loaded when an element asks for nl.
import type { Strings } from '../strings.js';

const nl: Strings = {
  starting: 'Alles wordt voorbereid…',
  waitingForToken: 'Wachten tot de verificatie is ingesteld…',
  elsewhere: {
    heading: 'Geopend in een ander tabblad',
    lead: 'Deze verificatie is geopend in een ander tabblad of venster van deze browser. Rond de verificatie daar af, of ga in plaats daarvan hier verder.',
    continueHere: 'Hier verdergaan',
  },
  intro: {
    heading: 'Uw identiteit verifiëren',
    lead: (documents) => `Dit duurt ongeveer twee minuten. U hebt ${documents} nodig.`,
    documents: {
      passport: 'uw paspoort',
      drivers_license: 'uw rijbewijs',
      national_id: 'uw identiteitskaart',
      residence_permit: 'uw verblijfsvergunning',
    },
    steps: ['Kies uw document', 'Maak of upload een foto van elke kant', 'Wij controleren het en laten u de uitkomst weten'],
    collectedHeading: 'Wat wij verzamelen',
    collected: [
      'Foto’s van uw document, die veilig naar Beltic worden verzonden voor verificatie.',
      'Hoe u dit formulier gebruikt (tijden en aantallen, nooit wat u typt) en basisgegevens over uw apparaat, om u te beschermen tegen fraude.',
    ],
    consent: 'Ik ga ermee akkoord deze gegevens te delen voor identiteitsverificatie.',
    start: 'Starten',
  },
  document: {
    heading: 'Welk document gebruikt u?',
    typeLabel: 'Soort document',
    countryLabel: 'Land van afgifte',
    types: {
      passport: 'Paspoort',
      drivers_license: 'Rijbewijs',
      national_id: 'Identiteitskaart',
      residence_permit: 'Verblijfsvergunning',
    },
    countryHint: 'Typ om te zoeken en kies daarna uit de lijst.',
    countryNoMatch: 'Geen land gevonden.',
    countryMatches: (count) => (count === 1 ? '1 land gevonden' : `${count} landen gevonden`),
    countryInvalid: 'Kies een land uit de lijst.',
    continue: 'Doorgaan',
  },
  capture: {
    headings: {
      passport: { photo_page: 'Fotopagina van uw paspoort' },
      drivers_license: { front: 'Voorkant van uw rijbewijs', back: 'Achterkant van uw rijbewijs' },
      national_id: { front: 'Voorkant van uw identiteitskaart', back: 'Achterkant van uw identiteitskaart' },
      residence_permit: { front: 'Voorkant van uw verblijfsvergunning', back: 'Achterkant van uw verblijfsvergunning' },
    },
    hint: {
      front: 'Leg het document op een donkere, vlakke ondergrond. Zorg dat alle vier de hoeken zichtbaar zijn en dat er geen licht op weerkaatst.',
      back: 'Nu de achterkant. Zorg dat de barcode scherp en helemaal zichtbaar is.',
      portrait: 'Maak een duidelijke foto van uw gezicht.',
    },
    chooseFile: 'Kies een foto',
    dropHere: 'of sleep hem hierheen (JPEG, PNG of WebP)',
    formats: 'JPEG, PNG of WebP',
    preparing: 'Uw foto wordt voorbereid…',
    retry: {
      heading: { onePhoto: 'Maak de foto alstublieft opnieuw', photos: 'Maak de foto’s alstublieft opnieuw' },
      tryAgain: 'Opnieuw proberen',
    },
    camera: {
      viewfinder: 'Camera',
      starting: 'De camera wordt gestart…',
      shutter: 'Foto maken',
      uploadInstead: 'Liever een foto uploaden',
      tryAgain: 'Camera opnieuw proberen',
      problems: {
        denied:
          'De toegang tot de camera is geblokkeerd. Om de camera te gebruiken, geeft u in de instellingen van uw browser toegang voor deze site en probeert u het opnieuw. U kunt ook een foto uploaden.',
        absent: 'Er is geen camera gevonden op dit apparaat. Upload in plaats daarvan een foto.',
        busy: 'Uw camera wordt door een andere app gebruikt. Sluit die app en probeer het opnieuw, of upload in plaats daarvan een foto.',
        lost: 'De camera werkt niet meer. Probeer het opnieuw, of upload in plaats daarvan een foto.',
        failed: 'De camera kon niet worden gestart. Probeer het opnieuw, of upload in plaats daarvan een foto.',
      },
      guidance: {
        dark: 'Te donker. Ga naar een lichtere plek.',
        glare: 'Licht weerkaatst op het document. Kantel het een beetje of ga uit het licht.',
        moving: 'Houd het toestel stil.',
        blurry: 'Het beeld is wazig. Houd het toestel stil, zodat de camera kan scherpstellen.',
        far: 'Kom dichterbij, zodat het document het kader vult.',
        not_whole: 'Houd de kaart iets verder weg, zodat alle vier de hoeken in het kader staan.',
        wrong_side_front: 'Dit lijkt de achterkant van uw kaart. Laat de voorkant zien.',
        no_barcode: 'We vinden de barcode niet. Is dit de achterkant van uw kaart?',
        reading_barcode: 'De barcode wordt gelezen… houd hem binnen het kader.',
      },
      holdStill: 'Houd het toestel stil…',
      takenAutomatically: 'Foto automatisch gemaakt.',
      taken: 'Foto gemaakt.',
      notTaken: 'De foto kon niet worden gemaakt. Druk nogmaals.',
      weRead: (name, expiry) => (expiry ? `Gelezen: ${name}, geldig tot ${expiry}.` : `Gelezen: ${name}.`),
      expired: 'Dit document lijkt verlopen. Als u een geldig document hebt, gebruik dat dan.',
    },
  },
  precheck: {
    heading: 'Maak deze foto alstublieft opnieuw',
    problems: {
      too_small:
        'Deze foto is te klein om uw document te lezen. Maak hem opnieuw, zodat het document het grootste deel van het beeld vult, of kies een grotere foto.',
      no_document:
        'We zien geen volledig document op deze foto. Leg het hele document op een effen ondergrond die er duidelijk van afsteekt, en maak de foto opnieuw.',
      cut_off: 'Een deel van uw document valt buiten de foto. Zorg dat alle vier de hoeken op de foto staan.',
      blurry: 'Deze foto is wazig. Houd de camera stil en laat hem scherpstellen voordat u de foto maakt.',
      barcode_unreadable:
        'We kunnen de barcode op de achterkant niet lezen. Zorg dat hij scherp is, dat er geen licht op weerkaatst en dat hij helemaal op de foto staat.',
    },
    cameraTooSmall: 'Deze camera maakt te kleine foto’s om uw document te lezen. Upload in plaats daarvan een foto die met een andere camera is gemaakt.',
    anywayLead: 'Weet u zeker dat deze foto uw hele document duidelijk laat zien? Dan kunt u hem toch gebruiken.',
    useAnyway: 'Deze foto toch gebruiken',
  },
  review: {
    heading: {
      photo_page: 'Controleer de fotopagina',
      front: 'Controleer de voorkant',
      back: 'Controleer de achterkant',
      portrait: 'Controleer de portretfoto',
    },
    question: 'Is het hele document zichtbaar, scherp en zonder lichtreflectie?',
    use: 'Deze foto gebruiken',
    retake: 'Opnieuw maken',
    imageAlt: {
      photo_page: 'Uw foto van de fotopagina',
      front: 'Uw foto van de voorkant',
      back: 'Uw foto van de achterkant',
      portrait: 'Uw portretfoto',
    },
  },
  uploading: {
    heading: 'Uw foto’s worden verzonden',
    progress: {
      photo_page: (percent) => `De fotopagina wordt verzonden: ${percent}%`,
      front: (percent) => `De voorkant wordt verzonden: ${percent}%`,
      back: (percent) => `De achterkant wordt verzonden: ${percent}%`,
      portrait: (percent) => `De portretfoto wordt verzonden: ${percent}%`,
    },
    done: {
      photo_page: 'De fotopagina is verzonden',
      front: 'De voorkant is verzonden',
      back: 'De achterkant is verzonden',
      portrait: 'De portretfoto is verzonden',
    },
  },
  verifying: { heading: 'Uw document wordt gecontroleerd', lead: 'Dit duurt meestal een paar seconden. Houd deze pagina open.' },
  result: {
    passed: { heading: 'U bent geverifieerd', lead: 'Dank u wel. U kunt doorgaan.' },
    review: {
      heading: 'We beoordelen uw document',
      lead: 'Een medewerker controleert het binnenkort. We laten u de uitkomst weten; u kunt deze pagina sluiten.',
    },
    failed: {
      heading: 'We konden uw document niet verifiëren',
      lead: 'Neem contact op met de dienst die u om deze verificatie heeft gevraagd om te horen wat u nu kunt doen.',
    },
    expired: {
      heading: 'Deze verificatie is verlopen',
      lead: 'Ga terug naar de dienst die u hierheen heeft gestuurd om een nieuwe verificatie te starten.',
    },
    cancelled: {
      heading: 'Verificatie geannuleerd',
      lead: 'Er is niets op dit apparaat bewaard. U kunt opnieuw beginnen wanneer u er klaar voor bent.',
    },
  },
  failedBecause: {
    tooManyAttempts: 'We konden uw document na meerdere pogingen niet lezen.',
  },
  continue: 'Doorgaan',
  stepOf: (step, total) => `Stap ${step} van ${total}`,
  cancelConfirm: {
    heading: 'Verificatie annuleren?',
    lead: 'Wat u tot nu toe hebt gedaan, wordt niet bewaard.',
    confirm: 'Ja, annuleren',
    keepGoing: 'Nee, verdergaan',
  },
  reasons: {
    photo_unclear: {
      any: 'We konden uw document niet duidelijk genoeg zien. Houd het stil, in goed licht, en probeer het opnieuw.',
      photo_page: 'De foto van de fotopagina was niet duidelijk genoeg. Houd het paspoort stil, in goed licht, en maak de foto opnieuw.',
      front: 'De foto van de voorkant was niet duidelijk genoeg. Houd het document stil, in goed licht, en maak de foto opnieuw.',
      back: 'De foto van de achterkant was niet duidelijk genoeg. Houd het document stil, in goed licht, en maak de foto opnieuw.',
    },
    image_readable: {
      any: 'We konden uw foto niet openen. Maak de foto opnieuw, of kies een afbeelding in JPEG, PNG of WebP.',
      photo_page: 'We konden de foto van de fotopagina niet openen. Maak de foto opnieuw, of kies een afbeelding in JPEG, PNG of WebP.',
      front: 'We konden de foto van de voorkant niet openen. Maak de foto opnieuw, of kies een afbeelding in JPEG, PNG of WebP.',
      back: 'We konden de foto van de achterkant niet openen. Maak de foto opnieuw, of kies een afbeelding in JPEG, PNG of WebP.',
    },
    image_resolution: {
      any: 'Uw document is op de foto te klein om te kunnen lezen. Kom dichterbij, zodat het document het kader vult.',
      photo_page: 'De fotopagina is op de foto te klein om te kunnen lezen. Kom dichterbij, zodat de pagina het kader vult.',
      front: 'De voorkant is op de foto te klein om te kunnen lezen. Kom dichterbij, zodat het document het kader vult.',
      back: 'De achterkant is op de foto te klein om te kunnen lezen. Kom dichterbij, zodat het document het kader vult.',
    },
    document_visible: {
      any: 'We konden uw document niet vinden op de foto. Leg het hele document in het kader, op een effen ondergrond met een andere kleur.',
      photo_page:
        'We konden de fotopagina niet vinden op de foto. Leg het hele opengeslagen paspoort in het kader, op een effen ondergrond met een andere kleur.',
      front: 'We konden de voorkant van uw document niet vinden op de foto. Leg het hele document in het kader, op een effen ondergrond met een andere kleur.',
      back: 'We konden de achterkant van uw document niet vinden op de foto. Leg het hele document in het kader, op een effen ondergrond met een andere kleur.',
    },
    barcode_readable:
      'We konden de barcode op de achterkant niet lezen. Maak de foto van de achterkant opnieuw in goed licht, met de hele barcode scherp en binnen het kader.',
    document_consistent:
      'Het document op uw foto’s komt niet overeen met het document of het land dat u hebt gekozen. Maak foto’s van het gekozen document, of ga terug en kies het document dat u hebt.',
    document_not_expired: 'Uw document lijkt verlopen. Gebruik een document dat nog geldig is.',
  },
  back: 'Terug',
  cancel: 'Annuleren',
  tryAgain: 'Opnieuw proberen',
  startOver: 'Opnieuw beginnen',
  errors: {
    fallback: 'Er is iets misgegaan. Probeer het opnieuw.',
    network: 'U lijkt offline te zijn. Controleer uw verbinding en probeer het opnieuw.',
    server: 'Onze dienst ondervindt problemen. Probeer het over een ogenblik opnieuw.',
    rate_limited: 'Te veel pogingen tegelijk. Wacht even en probeer het opnieuw.',
    token_refresh_failed: 'Uw beveiligde verbinding met de dienst moet worden vernieuwd, en dat is zojuist niet gelukt. Probeer het opnieuw.',
    malformed_response: 'We hebben een onverwacht antwoord ontvangen. Probeer het opnieuw.',
    unauthorized: 'Deze verificatielink is niet meer geldig. Laad de pagina opnieuw of begin opnieuw bij de dienst die u hierheen heeft gestuurd.',
    forbidden: 'Deze verificatielink is niet meer geldig. Begin opnieuw bij de dienst die u hierheen heeft gestuurd.',
    not_found: 'Deze verificatie is niet gevonden. Begin opnieuw bij de dienst die u hierheen heeft gestuurd.',
    unsupported_type: 'Dit bestand is geen foto die we kunnen gebruiken. Kies een afbeelding in JPEG, PNG of WebP.',
    unsupported_heic:
      'Deze foto heeft de HEIC-indeling, die deze browser niet kan openen. Maak de foto hier met de camera, of kies een JPEG of PNG. Op een iPhone worden nieuwe foto’s als JPEG bewaard als u bij Instellingen › Camera › Formaten kiest voor ‘Meest compatibel’.',
    unreadable_image: 'Die foto kon niet worden geopend. Kies een andere foto.',
    image_lost: 'De foto staat niet meer op dit apparaat. Maak de foto opnieuw.',
    upload_failed: 'Uw foto kon niet worden verzonden. Controleer uw verbinding en probeer het opnieuw.',
    upload_rejected: 'Uw foto is door de server geweigerd. Maak de foto opnieuw.',
    verification_timeout: 'De controle duurt langer dan normaal. Probeer het opnieuw.',
    secret_key: 'Deze pagina is onjuist ingesteld (er is een geheime sleutel aan de browser gegeven). Neem contact op met de dienst.',
    missing_config: 'Deze pagina is onjuist ingesteld (geen API-adres of token). Neem contact op met de dienst.',
    session_mismatch: 'Deze pagina is onjuist ingesteld (de verificatie en het bijbehorende token komen niet overeen). Neem contact op met de dienst.',
  },
};

export default nl;
