// Turkish: the widget's words (src/ui/strings.ts), loaded when an element asks for tr.
import type { Strings } from '../strings.js';

const tr: Strings = {
  starting: 'Hazırlanıyor…',
  waitingForToken: 'Doğrulamanın hazırlanması bekleniyor…',
  elsewhere: {
    heading: 'Başka bir sekmede açık',
    lead: 'Bu doğrulama, bu tarayıcının başka bir sekmesinde veya penceresinde açık. İşlemi orada tamamlayın ya da bunun yerine burada devam edin.',
    continueHere: 'Burada devam et',
  },
  intro: {
    heading: 'Kimliğinizi doğrulayın',
    lead: (documents) => `Bu işlem yaklaşık iki dakika sürer. Bunun için ${documents} gerekecek.`,
    documents: {
      passport: 'pasaportunuz',
      drivers_license: 'sürücü belgeniz',
      national_id: 'kimlik kartınız',
      residence_permit: 'oturma izniniz',
    },
    steps: ['Belgenizi seçin', 'Her yüzünün fotoğrafını çekin veya yükleyin', 'Belgenizi kontrol eder ve sonucu size bildiririz'],
    collectedHeading: 'Topladığımız bilgiler',
    collected: [
      'Belgenizin fotoğrafları; doğrulama için Beltic’e güvenli bir şekilde gönderilir.',
      'Sizi dolandırıcılığa karşı korumak için bu formu nasıl kullandığınız (süreler ve sayılar; yazdıklarınız asla) ve cihazınızla ilgili temel bilgiler.',
    ],
    consent: 'Bu bilgilerin kimlik doğrulama amacıyla paylaşılmasını kabul ediyorum.',
    start: 'Başla',
  },
  document: {
    heading: 'Hangi belgeyi kullanacaksınız?',
    typeLabel: 'Belge türü',
    countryLabel: 'Belgeyi veren ülke',
    types: {
      passport: 'Pasaport',
      drivers_license: 'Sürücü belgesi',
      national_id: 'Kimlik kartı',
      residence_permit: 'Oturma izni',
    },
    countryHint: 'Aramak için yazın, ardından listeden seçin.',
    countryNoMatch: 'Eşleşen ülke yok.',
    // Turkish keeps the noun singular after a number: 1 ülke, 5 ülke.
    countryMatches: (count) => `${count} ülke bulundu`,
    countryInvalid: 'Lütfen listeden bir ülke seçin.',
    continue: 'Devam',
  },
  capture: {
    headings: {
      passport: { photo_page: 'Pasaportunuzun fotoğraflı sayfası' },
      drivers_license: { front: 'Sürücü belgenizin ön yüzü', back: 'Sürücü belgenizin arka yüzü' },
      national_id: { front: 'Kimlik kartınızın ön yüzü', back: 'Kimlik kartınızın arka yüzü' },
      residence_permit: { front: 'Oturma izninizin ön yüzü', back: 'Oturma izninizin arka yüzü' },
    },
    hint: {
      front: 'Belgeyi koyu renkli, düz bir yüzeye koyun. Dört köşenin de göründüğünden ve parlama olmadığından emin olun.',
      back: 'Şimdi arka yüz. Barkodun net ve tamamen göründüğünden emin olun.',
      portrait: 'Yüzünüzün net bir fotoğrafını çekin.',
    },
    chooseFile: 'Fotoğraf seç',
    dropHere: 'veya buraya bırakın (JPEG, PNG veya WebP)',
    formats: 'JPEG, PNG veya WebP',
    preparing: 'Fotoğrafınız hazırlanıyor…',
    retry: {
      heading: { onePhoto: 'Lütfen fotoğrafı yeniden çekin', photos: 'Lütfen fotoğrafları yeniden çekin' },
      tryAgain: 'Tekrar dene',
    },
    camera: {
      viewfinder: 'Kamera',
      starting: 'Kamera başlatılıyor…',
      shutter: 'Fotoğraf çek',
      uploadInstead: 'Bunun yerine fotoğraf yükle',
      tryAgain: 'Kamerayı tekrar dene',
      problems: {
        denied:
          'Kamera erişimi engellendi. Kamerayı kullanmak için tarayıcınızın bu siteye ait ayarlarından kameraya izin verip tekrar deneyin veya bunun yerine bir fotoğraf yükleyin.',
        absent: 'Bu cihazda kamera bulunamadı. Lütfen bunun yerine bir fotoğraf yükleyin.',
        busy: 'Kameranız başka bir uygulama tarafından kullanılıyor. O uygulamayı kapatıp tekrar deneyin veya bunun yerine bir fotoğraf yükleyin.',
        lost: 'Kamera çalışmayı durdurdu. Tekrar deneyin veya bunun yerine bir fotoğraf yükleyin.',
        failed: 'Kamera başlatılamadı. Tekrar deneyin veya bunun yerine bir fotoğraf yükleyin.',
      },
      guidance: {
        dark: 'Çok karanlık. Daha aydınlık bir yere geçin.',
        glare: 'Belgede parlama var. Belgeyi biraz eğin veya ışıktan uzaklaşın.',
        moving: 'Sabit tutun.',
        blurry: 'Görüntü bulanık. Kameranın odaklanabilmesi için cihazı sabit tutun.',
        far: 'Belge çerçeveyi dolduracak şekilde yaklaşın.',
        not_whole: 'Dört köşenin de çerçeveye girmesi için kartı biraz uzaklaştırın.',
        wrong_side_front: 'Bu, kartınızın arka yüzü gibi görünüyor. Lütfen ön yüzünü gösterin.',
        no_barcode: 'Barkodu bulamıyoruz. Bu, kartınızın arka yüzü mü?',
        reading_barcode: 'Barkod okunuyor… barkodu çerçevenin içinde tutun.',
      },
      holdStill: 'Sabit tutun…',
      takenAutomatically: 'Fotoğraf otomatik olarak çekildi.',
      taken: 'Fotoğraf çekildi.',
      notTaken: 'Fotoğraf çekilemedi. Lütfen tekrar basın.',
      weRead: (name, expiry) => (expiry ? `Okunan bilgiler: ${name}, son geçerlilik tarihi ${expiry}.` : `Okunan bilgiler: ${name}.`),
      expired: 'Bu belgenin süresi dolmuş görünüyor. Geçerli bir belgeniz varsa lütfen onu kullanın.',
    },
  },
  precheck: {
    heading: 'Lütfen bu fotoğrafı yeniden çekin',
    problems: {
      too_small:
        'Bu fotoğraf, belgenizi okumak için çok küçük. Belge görüntünün büyük kısmını kaplayacak şekilde yeniden çekin veya daha büyük bir fotoğraf seçin.',
      no_document:
        'Bu fotoğrafta belgenin tamamını göremiyoruz. Belgenin tamamını, belgeden belirgin şekilde ayrılan düz renkli bir yüzeye koyun ve fotoğrafı yeniden çekin.',
      cut_off: 'Belgenizin bir kısmı kesilmiş. Dört köşenin de fotoğrafın içinde olduğundan emin olun.',
      blurry: 'Bu fotoğraf bulanık. Fotoğrafı çekmeden önce kamerayı sabit tutun ve odaklanmasını bekleyin.',
      barcode_unreadable: 'Arka yüzdeki barkodu okuyamıyoruz. Barkodun net, parlamasız ve tamamen fotoğrafın içinde olduğundan emin olun.',
    },
    cameraTooSmall: 'Bu kamera, belgenizi okumak için fazla küçük fotoğraflar çekiyor. Lütfen bunun yerine başka bir kamerayla çekilmiş bir fotoğraf yükleyin.',
    anywayLead: 'Bu fotoğrafın belgenizin tamamını net bir şekilde gösterdiğinden eminseniz fotoğrafı yine de kullanabilirsiniz.',
    useAnyway: 'Bu fotoğrafı yine de kullan',
  },
  review: {
    heading: {
      photo_page: 'Fotoğraflı sayfayı kontrol edin',
      front: 'Ön yüzü kontrol edin',
      back: 'Arka yüzü kontrol edin',
      portrait: 'Portre fotoğrafını kontrol edin',
    },
    question: 'Belgenin tamamı görünüyor mu, net ve parlamasız mı?',
    use: 'Bu fotoğrafı kullan',
    retake: 'Yeniden çek',
    imageAlt: {
      photo_page: 'Fotoğraflı sayfanın çektiğiniz fotoğrafı',
      front: 'Ön yüzün çektiğiniz fotoğrafı',
      back: 'Arka yüzün çektiğiniz fotoğrafı',
      portrait: 'Portre fotoğrafınız',
    },
  },
  uploading: {
    heading: 'Fotoğraflarınız gönderiliyor',
    progress: {
      photo_page: (percent) => `Fotoğraflı sayfa gönderiliyor: %${percent}`,
      front: (percent) => `Ön yüz gönderiliyor: %${percent}`,
      back: (percent) => `Arka yüz gönderiliyor: %${percent}`,
      portrait: (percent) => `Portre fotoğrafı gönderiliyor: %${percent}`,
    },
    done: {
      photo_page: 'Fotoğraflı sayfa gönderildi',
      front: 'Ön yüz gönderildi',
      back: 'Arka yüz gönderildi',
      portrait: 'Portre fotoğrafı gönderildi',
    },
  },
  verifying: { heading: 'Belgeniz kontrol ediliyor', lead: 'Bu işlem genellikle birkaç saniye sürer. Lütfen bu sayfayı açık tutun.' },
  result: {
    passed: { heading: 'Kimliğiniz doğrulandı', lead: 'Teşekkür ederiz. Devam edebilirsiniz.' },
    review: {
      heading: 'Belgenizi inceliyoruz',
      lead: 'Belgeniz kısa süre içinde bir görevli tarafından kontrol edilecek. Sonucu size bildireceğiz; bu sayfayı kapatabilirsiniz.',
    },
    failed: {
      heading: 'Belgenizi doğrulayamadık',
      lead: 'Sonraki adımları öğrenmek için lütfen sizden doğrulama isteyen hizmetle iletişime geçin.',
    },
    expired: {
      heading: 'Bu doğrulamanın süresi doldu',
      lead: 'Yeni bir doğrulama başlatmak için lütfen sizi buraya yönlendiren hizmete geri dönün.',
    },
    cancelled: {
      heading: 'Doğrulama iptal edildi',
      lead: 'Bu cihazda hiçbir şey saklanmadı. Hazır olduğunuzda yeniden başlayabilirsiniz.',
    },
  },
  failedBecause: {
    tooManyAttempts: 'Birkaç denemeye rağmen belgenizi okuyamadık.',
  },
  continue: 'Devam',
  stepOf: (step, total) => `Adım ${step}/${total}`,
  cancelConfirm: {
    heading: 'Doğrulama iptal edilsin mi?',
    lead: 'Şimdiye kadar yaptıklarınız kaydedilmeyecek.',
    confirm: 'Evet, iptal et',
    keepGoing: 'Devam et',
  },
  reasons: {
    photo_unclear: {
      any: 'Belgenizi yeterince net göremedik. Belgeyi iyi ışıkta sabit tutun ve tekrar deneyin.',
      photo_page: 'Fotoğraflı sayfanın fotoğrafı yeterince net değildi. Pasaportu iyi ışıkta sabit tutun ve fotoğrafı yeniden çekin.',
      front: 'Ön yüzün fotoğrafı yeterince net değildi. Belgeyi iyi ışıkta sabit tutun ve fotoğrafı yeniden çekin.',
      back: 'Arka yüzün fotoğrafı yeterince net değildi. Belgeyi iyi ışıkta sabit tutun ve fotoğrafı yeniden çekin.',
    },
    image_readable: {
      any: 'Fotoğrafınızı açamadık. Lütfen fotoğrafı yeniden çekin veya JPEG, PNG ya da WebP biçiminde bir görüntü seçin.',
      photo_page: 'Fotoğraflı sayfanın fotoğrafını açamadık. Lütfen fotoğrafı yeniden çekin veya JPEG, PNG ya da WebP biçiminde bir görüntü seçin.',
      front: 'Ön yüzün fotoğrafını açamadık. Lütfen fotoğrafı yeniden çekin veya JPEG, PNG ya da WebP biçiminde bir görüntü seçin.',
      back: 'Arka yüzün fotoğrafını açamadık. Lütfen fotoğrafı yeniden çekin veya JPEG, PNG ya da WebP biçiminde bir görüntü seçin.',
    },
    image_resolution: {
      any: 'Belgeniz fotoğrafta okunamayacak kadar küçük. Belge çerçeveyi dolduracak şekilde yaklaşın.',
      photo_page: 'Fotoğraflı sayfa, fotoğrafta okunamayacak kadar küçük. Sayfa çerçeveyi dolduracak şekilde yaklaşın.',
      front: 'Ön yüz, fotoğrafta okunamayacak kadar küçük. Belge çerçeveyi dolduracak şekilde yaklaşın.',
      back: 'Arka yüz, fotoğrafta okunamayacak kadar küçük. Belge çerçeveyi dolduracak şekilde yaklaşın.',
    },
    document_visible: {
      any: 'Fotoğrafta belgenizi bulamadık. Belgenin tamamını, farklı renkte düz bir yüzeyin üzerinde çerçeveye yerleştirin.',
      photo_page: 'Fotoğrafta fotoğraflı sayfayı bulamadık. Açık pasaportun tamamını, farklı renkte düz bir yüzeyin üzerinde çerçeveye yerleştirin.',
      front: 'Fotoğrafta belgenizin ön yüzünü bulamadık. Belgenin tamamını, farklı renkte düz bir yüzeyin üzerinde çerçeveye yerleştirin.',
      back: 'Fotoğrafta belgenizin arka yüzünü bulamadık. Belgenin tamamını, farklı renkte düz bir yüzeyin üzerinde çerçeveye yerleştirin.',
    },
    barcode_readable:
      'Arka yüzdeki barkodu okuyamadık. Arka yüzün fotoğrafını iyi ışıkta, barkodun tamamı net ve çerçevenin içinde olacak şekilde yeniden çekin.',
    document_consistent:
      'Fotoğraflarınızdaki belge, seçtiğiniz belge veya ülkeyle eşleşmiyor. Seçtiğiniz belgenin fotoğraflarını çekin ya da geri dönüp elinizdeki belgeyi seçin.',
    document_not_expired: 'Belgenizin süresi dolmuş görünüyor. Lütfen hâlâ geçerli olan bir belge kullanın.',
  },
  back: 'Geri',
  cancel: 'İptal',
  tryAgain: 'Tekrar dene',
  startOver: 'Baştan başla',
  errors: {
    fallback: 'Bir sorun oluştu. Lütfen tekrar deneyin.',
    network: 'Çevrimdışı görünüyorsunuz. Bağlantınızı kontrol edip tekrar deneyin.',
    server: 'Hizmetimizde bir sorun yaşanıyor. Lütfen biraz sonra tekrar deneyin.',
    rate_limited: 'Aynı anda çok fazla deneme yapıldı. Lütfen biraz bekleyip tekrar deneyin.',
    token_refresh_failed: 'Hizmetle güvenli bağlantınızın yenilenmesi gerekiyor, ancak bu işlem az önce başarısız oldu. Lütfen tekrar deneyin.',
    malformed_response: 'Beklenmeyen bir yanıt aldık. Lütfen tekrar deneyin.',
    unauthorized: 'Bu doğrulama bağlantısı artık geçerli değil. Lütfen sayfayı yeniden yükleyin veya sizi buraya yönlendiren hizmetten yeniden başlayın.',
    forbidden: 'Bu doğrulama bağlantısı artık geçerli değil. Lütfen sizi buraya yönlendiren hizmetten yeniden başlayın.',
    not_found: 'Bu doğrulama bulunamadı. Lütfen sizi buraya yönlendiren hizmetten yeniden başlayın.',
    unsupported_type: 'Bu dosya, kullanabileceğimiz bir fotoğraf değil. Lütfen JPEG, PNG veya WebP biçiminde bir görüntü seçin.',
    unsupported_heic:
      'Bu fotoğraf, bu tarayıcının açamadığı HEIC biçiminde. Lütfen fotoğrafı buradaki kamerayla çekin veya bir JPEG ya da PNG dosyası seçin. iPhone’da Ayarlar › Kamera › Biçimler bölümünde “En Uyumlu” seçeneğini belirlerseniz yeni fotoğraflar JPEG olarak kaydedilir.',
    unreadable_image: 'Bu fotoğraf açılamadı. Lütfen başka bir fotoğraf seçin.',
    image_lost: 'Fotoğraf artık bu cihazda değil. Lütfen fotoğrafı yeniden çekin.',
    upload_failed: 'Fotoğrafınız gönderilemedi. Bağlantınızı kontrol edip tekrar deneyin.',
    upload_rejected: 'Fotoğrafınız sunucu tarafından reddedildi. Lütfen fotoğrafı yeniden çekin.',
    verification_timeout: 'Kontrol her zamankinden uzun sürüyor. Lütfen tekrar deneyin.',
    secret_key: 'Bu sayfa yanlış yapılandırılmış (tarayıcıya gizli bir anahtar verilmiş). Lütfen hizmetle iletişime geçin.',
    missing_config: 'Bu sayfa yanlış yapılandırılmış (API adresi veya belirteç yok). Lütfen hizmetle iletişime geçin.',
    session_mismatch: 'Bu sayfa yanlış yapılandırılmış (doğrulama ile belirteci eşleşmiyor). Lütfen hizmetle iletişime geçin.',
  },
};

export default tr;
