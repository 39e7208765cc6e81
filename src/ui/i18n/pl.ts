// Polish: the widget's words (src/ui/strings.ts), loaded when an element asks for pl.
import type { Strings } from '../strings.js';

const pl: Strings = {
  starting: 'Trwa przygotowywanie…',
  waitingForToken: 'Oczekiwanie na przygotowanie weryfikacji…',
  elsewhere: {
    heading: 'Weryfikacja otwarta w innej karcie',
    lead: 'Ta weryfikacja jest otwarta w innej karcie lub oknie tej przeglądarki. Można ją dokończyć tam albo kontynuować tutaj.',
    continueHere: 'Kontynuuj tutaj',
  },
  intro: {
    heading: 'Potwierdzenie tożsamości',
    lead: (documents) => `Zajmie to około dwóch minut. Proszę przygotować ${documents}.`,
    documents: {
      passport: 'paszport',
      drivers_license: 'prawo jazdy',
      national_id: 'dowód osobisty',
      residence_permit: 'kartę pobytu',
    },
    steps: ['Wybór dokumentu', 'Zrobienie lub przesłanie zdjęcia każdej strony', 'Sprawdzamy dokument i informujemy o wyniku'],
    collectedHeading: 'Jakie dane zbieramy',
    collected: [
      'Zdjęcia dokumentu, bezpiecznie przesyłane do Beltic w celu weryfikacji.',
      'Sposób korzystania z tego formularza (czas i liczba działań, nigdy wpisywana treść) oraz podstawowe informacje o urządzeniu – w celu ochrony przed oszustwami.',
    ],
    consent: 'Wyrażam zgodę na udostępnienie tych danych w celu weryfikacji tożsamości.',
    start: 'Rozpocznij',
  },
  document: {
    heading: 'Który dokument zostanie użyty?',
    typeLabel: 'Rodzaj dokumentu',
    countryLabel: 'Kraj wydania',
    types: {
      passport: 'Paszport',
      drivers_license: 'Prawo jazdy',
      national_id: 'Dowód osobisty',
      residence_permit: 'Karta pobytu',
    },
    countryHint: 'Proszę zacząć wpisywać nazwę, a następnie wybrać kraj z listy.',
    countryNoMatch: 'Brak pasujących krajów.',
    // Polish counts take three forms: 1 kraj, 2–4 kraje (but 12–14 krajów), 5 and more krajów.
    countryMatches: (count) => {
      if (count === 1) return 'Znaleziono 1 kraj';
      const few = count % 10 >= 2 && count % 10 <= 4 && (count % 100 < 12 || count % 100 > 14);
      return few ? `Znaleziono ${count} kraje` : `Znaleziono ${count} krajów`;
    },
    countryInvalid: 'Proszę wybrać kraj z listy.',
    continue: 'Dalej',
  },
  capture: {
    headings: {
      passport: { photo_page: 'Strona paszportu z danymi i zdjęciem' },
      drivers_license: { front: 'Przednia strona prawa jazdy', back: 'Tylna strona prawa jazdy' },
      national_id: { front: 'Przednia strona dowodu osobistego', back: 'Tylna strona dowodu osobistego' },
      residence_permit: { front: 'Przednia strona karty pobytu', back: 'Tylna strona karty pobytu' },
    },
    hint: {
      front: 'Proszę położyć dokument na ciemnej, płaskiej powierzchni. Wszystkie cztery rogi muszą być widoczne, bez odblasków.',
      back: 'Teraz tylna strona. Kod kreskowy musi być ostry i w całości widoczny.',
      portrait: 'Proszę zrobić wyraźne zdjęcie twarzy.',
    },
    chooseFile: 'Wybierz zdjęcie',
    dropHere: 'lub przeciągnij je tutaj (JPEG, PNG lub WebP)',
    formats: 'JPEG, PNG lub WebP',
    preparing: 'Przygotowywanie zdjęcia…',
    retry: {
      heading: { onePhoto: 'Proszę ponownie zrobić zdjęcie', photos: 'Proszę ponownie zrobić zdjęcia' },
      tryAgain: 'Spróbuj ponownie',
    },
    camera: {
      viewfinder: 'Aparat',
      starting: 'Uruchamianie aparatu…',
      shutter: 'Zrób zdjęcie',
      uploadInstead: 'Prześlij zdjęcie z urządzenia',
      tryAgain: 'Ponownie uruchom aparat',
      problems: {
        denied:
          'Dostęp do aparatu jest zablokowany. Aby użyć aparatu, proszę zezwolić na dostęp w ustawieniach przeglądarki dla tej witryny i spróbować ponownie albo przesłać zdjęcie z urządzenia.',
        absent: 'Na tym urządzeniu nie znaleziono aparatu. Proszę przesłać zdjęcie z urządzenia.',
        busy: 'Aparat jest używany przez inną aplikację. Proszę zamknąć tę aplikację i spróbować ponownie albo przesłać zdjęcie z urządzenia.',
        lost: 'Aparat przestał działać. Proszę spróbować ponownie albo przesłać zdjęcie z urządzenia.',
        failed: 'Nie udało się uruchomić aparatu. Proszę spróbować ponownie albo przesłać zdjęcie z urządzenia.',
      },
      guidance: {
        dark: 'Za ciemno. Proszę przejść w jaśniejsze miejsce.',
        glare: 'Odblask na dokumencie. Proszę lekko go przechylić lub odsunąć się od światła.',
        moving: 'Proszę nie poruszać urządzeniem.',
        blurry: 'Obraz jest nieostry. Proszę trzymać urządzenie nieruchomo, aby aparat mógł ustawić ostrość.',
        far: 'Proszę przybliżyć aparat, aby dokument wypełniał kadr.',
        not_whole: 'Proszę nieco odsunąć kartę, aby wszystkie cztery rogi były w kadrze.',
        wrong_side_front: 'To wygląda na tylną stronę karty. Proszę pokazać przednią stronę.',
        no_barcode: 'Nie widzimy kodu kreskowego. Czy to na pewno tylna strona karty?',
        reading_barcode: 'Odczytywanie kodu kreskowego… proszę trzymać go w kadrze.',
      },
      holdStill: 'Proszę nie poruszać urządzeniem…',
      takenAutomatically: 'Zdjęcie zostało zrobione automatycznie.',
      taken: 'Zdjęcie zostało zrobione.',
      notTaken: 'Nie udało się zrobić zdjęcia. Proszę nacisnąć ponownie.',
      weRead: (name, expiry) => (expiry ? `Odczytano: ${name}, ważność do ${expiry}.` : `Odczytano: ${name}.`),
      expired: 'Wygląda na to, że termin ważności tego dokumentu upłynął. Jeśli dostępny jest ważny dokument, proszę go użyć.',
    },
  },
  precheck: {
    heading: 'Proszę ponownie zrobić to zdjęcie',
    problems: {
      too_small:
        'To zdjęcie jest za małe, aby odczytać dokument. Proszę zrobić je ponownie tak, aby dokument wypełniał większość kadru, albo wybrać większe zdjęcie.',
      no_document:
        'Na tym zdjęciu nie widać całego dokumentu. Proszę położyć cały dokument na jednolitej powierzchni w kontrastowym kolorze i ponownie zrobić zdjęcie.',
      cut_off: 'Część dokumentu jest ucięta. Wszystkie cztery rogi muszą znaleźć się na zdjęciu.',
      blurry: 'To zdjęcie jest nieostre. Proszę trzymać aparat nieruchomo i przed zrobieniem zdjęcia poczekać, aż ustawi ostrość.',
      barcode_unreadable: 'Nie udało się odczytać kodu kreskowego na tylnej stronie. Kod musi być ostry, bez odblasków i w całości na zdjęciu.',
    },
    cameraTooSmall: 'Ten aparat robi zbyt małe zdjęcia, aby odczytać dokument. Proszę przesłać zdjęcie zrobione innym aparatem.',
    anywayLead: 'Jeśli to zdjęcie na pewno wyraźnie pokazuje cały dokument, można go mimo to użyć.',
    useAnyway: 'Mimo to użyj tego zdjęcia',
  },
  review: {
    heading: {
      photo_page: 'Sprawdzenie strony z danymi',
      front: 'Sprawdzenie przedniej strony',
      back: 'Sprawdzenie tylnej strony',
      portrait: 'Sprawdzenie zdjęcia twarzy',
    },
    question: 'Czy cały dokument jest widoczny, ostry i bez odblasków?',
    use: 'Użyj tego zdjęcia',
    retake: 'Zrób ponownie',
    imageAlt: {
      photo_page: 'Zdjęcie strony z danymi',
      front: 'Zdjęcie przedniej strony',
      back: 'Zdjęcie tylnej strony',
      portrait: 'Zdjęcie twarzy',
    },
  },
  uploading: {
    heading: 'Wysyłanie zdjęć',
    progress: {
      photo_page: (percent) => `Wysyłanie strony z danymi: ${percent}%`,
      front: (percent) => `Wysyłanie przedniej strony: ${percent}%`,
      back: (percent) => `Wysyłanie tylnej strony: ${percent}%`,
      portrait: (percent) => `Wysyłanie zdjęcia twarzy: ${percent}%`,
    },
    done: {
      photo_page: 'Strona z danymi została wysłana',
      front: 'Przednia strona została wysłana',
      back: 'Tylna strona została wysłana',
      portrait: 'Zdjęcie twarzy zostało wysłane',
    },
  },
  verifying: { heading: 'Sprawdzanie dokumentu', lead: 'Zwykle trwa to kilka sekund. Proszę nie zamykać tej strony.' },
  result: {
    passed: { heading: 'Tożsamość została potwierdzona', lead: 'Dziękujemy. Można kontynuować.' },
    review: {
      heading: 'Sprawdzamy dokument',
      lead: 'Wkrótce sprawdzi go nasz pracownik. Poinformujemy o wyniku; tę stronę można już zamknąć.',
    },
    failed: {
      heading: 'Nie udało się zweryfikować dokumentu',
      lead: 'Proszę skontaktować się z serwisem, który poprosił o weryfikację, aby dowiedzieć się, co dalej.',
    },
    expired: {
      heading: 'Ta weryfikacja wygasła',
      lead: 'Aby rozpocząć nową weryfikację, proszę wrócić do serwisu, który skierował na tę stronę.',
    },
    cancelled: {
      heading: 'Weryfikacja anulowana',
      lead: 'Na tym urządzeniu nic nie zostało zapisane. Można zacząć od nowa w dowolnym momencie.',
    },
  },
  failedBecause: {
    tooManyAttempts: 'Nie udało się odczytać dokumentu mimo kilku prób.',
  },
  continue: 'Dalej',
  stepOf: (step, total) => `Krok ${step} z ${total}`,
  cancelConfirm: {
    heading: 'Anulować weryfikację?',
    lead: 'Dotychczasowe postępy nie zostaną zapisane.',
    confirm: 'Tak, anuluj',
    keepGoing: 'Nie, kontynuuj',
  },
  reasons: {
    photo_unclear: {
      any: 'Dokument nie był wystarczająco wyraźnie widoczny. Proszę trzymać go nieruchomo, w dobrym świetle, i spróbować ponownie.',
      photo_page: 'Zdjęcie strony z danymi nie było wystarczająco wyraźne. Proszę trzymać paszport nieruchomo, w dobrym świetle, i ponownie zrobić zdjęcie.',
      front: 'Zdjęcie przedniej strony nie było wystarczająco wyraźne. Proszę trzymać dokument nieruchomo, w dobrym świetle, i ponownie zrobić zdjęcie.',
      back: 'Zdjęcie tylnej strony nie było wystarczająco wyraźne. Proszę trzymać dokument nieruchomo, w dobrym świetle, i ponownie zrobić zdjęcie.',
    },
    image_readable: {
      any: 'Nie udało się otworzyć zdjęcia. Proszę zrobić je ponownie albo wybrać obraz w formacie JPEG, PNG lub WebP.',
      photo_page: 'Nie udało się otworzyć zdjęcia strony z danymi. Proszę zrobić je ponownie albo wybrać obraz w formacie JPEG, PNG lub WebP.',
      front: 'Nie udało się otworzyć zdjęcia przedniej strony. Proszę zrobić je ponownie albo wybrać obraz w formacie JPEG, PNG lub WebP.',
      back: 'Nie udało się otworzyć zdjęcia tylnej strony. Proszę zrobić je ponownie albo wybrać obraz w formacie JPEG, PNG lub WebP.',
    },
    image_resolution: {
      any: 'Dokument jest na zdjęciu za mały, aby go odczytać. Proszę przybliżyć aparat, aby dokument wypełniał kadr.',
      photo_page: 'Strona z danymi jest na zdjęciu za mała, aby ją odczytać. Proszę przybliżyć aparat, aby strona wypełniała kadr.',
      front: 'Przednia strona jest na zdjęciu za mała, aby ją odczytać. Proszę przybliżyć aparat, aby dokument wypełniał kadr.',
      back: 'Tylna strona jest na zdjęciu za mała, aby ją odczytać. Proszę przybliżyć aparat, aby dokument wypełniał kadr.',
    },
    document_visible: {
      any: 'Nie udało się znaleźć dokumentu na zdjęciu. Proszę umieścić cały dokument w kadrze, na jednolitej powierzchni w innym kolorze.',
      photo_page:
        'Nie udało się znaleźć strony z danymi na zdjęciu. Proszę umieścić cały otwarty paszport w kadrze, na jednolitej powierzchni w innym kolorze.',
      front: 'Nie udało się znaleźć przedniej strony dokumentu na zdjęciu. Proszę umieścić cały dokument w kadrze, na jednolitej powierzchni w innym kolorze.',
      back: 'Nie udało się znaleźć tylnej strony dokumentu na zdjęciu. Proszę umieścić cały dokument w kadrze, na jednolitej powierzchni w innym kolorze.',
    },
    barcode_readable:
      'Nie udało się odczytać kodu kreskowego na tylnej stronie. Proszę ponownie zrobić zdjęcie tylnej strony w dobrym świetle, tak aby cały kod kreskowy był ostry i mieścił się w kadrze.',
    document_consistent:
      'Dokument na zdjęciach nie zgadza się z wybranym dokumentem lub krajem. Proszę zrobić zdjęcia wybranego dokumentu albo wrócić i wybrać dokument, który jest dostępny.',
    document_not_expired: 'Wygląda na to, że termin ważności dokumentu upłynął. Proszę użyć dokumentu, który jest nadal ważny.',
  },
  back: 'Wstecz',
  cancel: 'Anuluj',
  tryAgain: 'Spróbuj ponownie',
  startOver: 'Zacznij od nowa',
  errors: {
    fallback: 'Coś poszło nie tak. Proszę spróbować ponownie.',
    network: 'Wygląda na to, że nie ma połączenia z internetem. Proszę sprawdzić połączenie i spróbować ponownie.',
    server: 'Nasza usługa ma chwilowe problemy. Proszę spróbować ponownie za moment.',
    rate_limited: 'Zbyt wiele prób naraz. Proszę chwilę odczekać i spróbować ponownie.',
    token_refresh_failed: 'Bezpieczne połączenie z usługą wymaga odnowienia, ale w tej chwili nie udało się go odnowić. Proszę spróbować ponownie.',
    malformed_response: 'Otrzymaliśmy nieoczekiwaną odpowiedź. Proszę spróbować ponownie.',
    unauthorized: 'Ten link do weryfikacji jest już nieważny. Proszę odświeżyć stronę albo zacząć od nowa w serwisie, który skierował na tę stronę.',
    forbidden: 'Ten link do weryfikacji jest już nieważny. Proszę zacząć od nowa w serwisie, który skierował na tę stronę.',
    not_found: 'Nie znaleziono tej weryfikacji. Proszę zacząć od nowa w serwisie, który skierował na tę stronę.',
    unsupported_type: 'Ten plik nie jest zdjęciem, którego możemy użyć. Proszę wybrać obraz w formacie JPEG, PNG lub WebP.',
    unsupported_heic:
      'To zdjęcie jest w formacie HEIC, którego ta przeglądarka nie potrafi otworzyć. Proszę zrobić zdjęcie aparatem na tej stronie albo wybrać plik JPEG lub PNG. Na iPhonie nowe zdjęcia są zapisywane jako JPEG po wybraniu opcji „Najbardziej zgodny” w obszarze Ustawienia › Aparat › Formaty.',
    unreadable_image: 'Nie udało się otworzyć tego zdjęcia. Proszę wybrać inne.',
    image_lost: 'Tego zdjęcia nie ma już na tym urządzeniu. Proszę zrobić je ponownie.',
    upload_failed: 'Nie udało się wysłać zdjęcia. Proszę sprawdzić połączenie i spróbować ponownie.',
    upload_rejected: 'Serwer odrzucił zdjęcie. Proszę zrobić je ponownie.',
    verification_timeout: 'Sprawdzanie trwa dłużej niż zwykle. Proszę spróbować ponownie.',
    secret_key: 'Ta strona jest nieprawidłowo skonfigurowana (przeglądarka otrzymała klucz tajny). Proszę skontaktować się z serwisem.',
    missing_config: 'Ta strona jest nieprawidłowo skonfigurowana (brak adresu API lub tokenu). Proszę skontaktować się z serwisem.',
    session_mismatch: 'Ta strona jest nieprawidłowo skonfigurowana (weryfikacja i jej token do siebie nie pasują). Proszę skontaktować się z serwisem.',
  },
};

export default pl;
